package dev.courier.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestIdsTest {

    @Test
    void shouldDeriveTheSameIdForTheSameCallerAndKeyOnly() {
        String id = RequestIds.derived("alice", "key-1");

        assertThat(RequestIds.derived("alice", "key-1")).isEqualTo(id);
        assertThat(RequestIds.derived("bob", "key-1")).isNotEqualTo(id);
        assertThat(UUID.fromString(id).version()).isEqualTo(8);
    }

    @Test
    void shouldAcceptQuotedOrBareKeysAndRefuseControlCharacters() {
        assertThat(RequestIds.idempotencyKey("\"abc\"")).contains("abc");
        assertThat(RequestIds.idempotencyKey("abc")).contains("abc");
        assertThat(RequestIds.idempotencyKey("a b")).isEqualTo(Optional.empty());
    }
}
