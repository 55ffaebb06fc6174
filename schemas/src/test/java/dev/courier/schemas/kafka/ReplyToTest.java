package dev.courier.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class ReplyToTest {

    @Test
    void shouldRoundTripTopicWithAndWithoutPartition() {
        assertThat(ReplyTo.parse("courier.replies:3")).isEqualTo(new ReplyTo("courier.replies", OptionalInt.of(3)));
        assertThat(ReplyTo.parse("my-replies")).isEqualTo(ReplyTo.of("my-replies"));
        assertThat(ReplyTo.of("courier.replies", 3).format()).isEqualTo("courier.replies:3");
    }

    @Test
    void shouldRejectMalformedAddresses() {
        assertThatIllegalArgumentException().isThrownBy(() -> ReplyTo.parse("replies:x")).withMessageContaining("must be a number");
        assertThatIllegalArgumentException().isThrownBy(() -> ReplyTo.parse("replies:-1")).withMessageContaining("must not be negative");
        assertThatIllegalArgumentException().isThrownBy(() -> ReplyTo.parse("bad topic")).withMessageContaining("legal Kafka topic name");
        assertThatIllegalArgumentException().isThrownBy(() -> ReplyTo.parse(null)).withMessageContaining("missing");
    }
}
