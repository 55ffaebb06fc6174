package dev.courier.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class ReplyMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ReplyMetrics metrics = new ReplyMetrics().bindTo(registry);

    @Test
    void shouldExportEveryKindOfReplyFromZero() {
        for (String kind : new String[] {"received", "late", "unmatched", "undecodable", "swept"}) {
            assertThat(registry.get("courier.replies").tag("kind", kind).functionCounter().count()).as(kind).isZero();
        }
        assertThat(registry.get("courier.requests.pending").gauge().value()).isZero();
    }

    @Test
    void shouldCountEachKindApart() {
        metrics.received(3);
        metrics.lateReply();
        metrics.unmatched();
        metrics.unmatched();
        metrics.undecodable();
        metrics.swept(5);

        assertThat(count("received")).isEqualTo(3);
        assertThat(count("late")).isEqualTo(1);
        assertThat(count("unmatched")).isEqualTo(2);
        assertThat(count("undecodable")).isEqualTo(1);
        assertThat(count("swept")).isEqualTo(5);
        assertThat(metrics.receivedReplies()).isEqualTo(3);
        assertThat(metrics.lateReplies()).isEqualTo(1);
        assertThat(metrics.undecodableReplies()).isEqualTo(1);
        assertThat(metrics.sweptReplies()).isEqualTo(5);
    }

    @Test
    void shouldTrackRequestsWaitingUpAndDown() {
        metrics.pending(1);
        metrics.pending(1);
        metrics.pending(-1);

        assertThat(metrics.pending()).isEqualTo(1);
        assertThat(registry.get("courier.requests.pending").gauge().value()).isEqualTo(1.0);
    }

    private double count(String kind) {
        return registry.get("courier.replies").tag("kind", kind).functionCounter().count();
    }
}
