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

    @Test
    void shouldNotConfuseAPrincipalAndKeyThatConcatenateAlike() {
        assertThat(RequestIds.derived("ab", "c")).isNotEqualTo(RequestIds.derived("a", "bc"));
    }

    @Test
    void shouldDeriveAnRfc9562Variant() {
        assertThat(UUID.fromString(RequestIds.derived("alice", "key-1")).variant()).isEqualTo(2);
    }

    @Test
    void shouldTakeKeysOfOneTo255PrintableCharacters() {
        assertThat(RequestIds.idempotencyKey("k".repeat(255))).contains("k".repeat(255));
        assertThat(RequestIds.idempotencyKey("k".repeat(256))).isEmpty();
        assertThat(RequestIds.idempotencyKey("")).isEmpty();
        assertThat(RequestIds.idempotencyKey("\"\"")).as("an empty quoted key").isEmpty();
        assertThat(RequestIds.idempotencyKey("\"")).as("a lone quote is a key").contains("\"");
        assertThat(RequestIds.idempotencyKey("caf\u00e9")).isEmpty();
    }

    @Test
    void shouldKeepAWellFormedCorrelationIdAndOtherwiseUseTheRequestId() {
        assertThat(RequestIds.correlationId("trace-1:span/2+x=", "req-1")).isEqualTo("trace-1:span/2+x=");
        assertThat(RequestIds.correlationId(null, "req-1")).isEqualTo("req-1");
        assertThat(RequestIds.correlationId("has space", "req-1")).isEqualTo("req-1");
        assertThat(RequestIds.correlationId("c".repeat(129), "req-1")).isEqualTo("req-1");
        assertThat(RequestIds.correlationId("", "req-1")).isEqualTo("req-1");
    }

    @Test
    void shouldMakeRandomIdsThatAreUuids() {
        String id = RequestIds.random();

        assertThat(UUID.fromString(id).version()).isEqualTo(4);
        assertThat(RequestIds.random()).isNotEqualTo(id);
    }
}
