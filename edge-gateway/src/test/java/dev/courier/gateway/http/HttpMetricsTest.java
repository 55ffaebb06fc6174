package dev.courier.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HttpMetricsTest {

    @Test
    void shouldTimeRequestsByRouteMethodAndStatusFoldingUnknownMethodsIntoOther() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HttpMetrics metrics = new HttpMetrics(registry);

        metrics.record("get-post", "GET", 200, 2_000_000);
        metrics.record("get-post", "GET", 200, 4_000_000);
        metrics.record(HttpMetrics.UNMATCHED, "BREW", 404, 1_000_000);

        Timer gets = registry.get("http.server.requests").tags("route", "get-post", "method", "GET", "status", "200").timer();
        assertThat(gets.count()).isEqualTo(2);
        assertThat(gets.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(6.0);
        assertThat(registry.get("http.server.requests").tags("route", "unmatched", "method", "OTHER", "status", "404").timer().count())
                .isEqualTo(1);
        assertThat(registry.find("http.server.requests").tag("method", "BREW").timers()).isEmpty();
    }
}
