package dev.courier.service.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.service.store.EncodedOutcome.EncodedEvent;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedOutcomeTest {

    @Test
    void shouldReadBackExactlyWhatWasStored() {
        EncodedOutcome outcome = new EncodedOutcome(new byte[] {1, 2, 3},
                List.of(new EncodedEvent("post-1", new byte[] {4}), new EncodedEvent("post-2", new byte[0])));

        EncodedOutcome read = EncodedOutcome.fromBytes(outcome.toBytes());

        assertThat(read.reply()).containsExactly(1, 2, 3);
        assertThat(read.events()).extracting(EncodedEvent::key).containsExactly("post-1", "post-2");
        assertThat(read.events().get(0).value()).containsExactly(4);
    }

    @Test
    void shouldRefuseUnknownFormat() {
        assertThatThrownBy(() -> EncodedOutcome.fromBytes(new byte[] {9, 0, 0, 0, 0}))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unknown format 9");
    }
}
