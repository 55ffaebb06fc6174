package dev.courier.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionRefusalsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldStartEveryRouteAndReasonAtZero() {
        new AdmissionRefusals(registry, List.of("get-post", "create-post"));

        assertThat(registry.find("courier.admission.refusals").counters()).hasSize(12)
                .allSatisfy(counter -> assertThat(counter.count()).isZero());
        for (String reason : List.of(AdmissionRefusals.OVERLOADED, AdmissionRefusals.NO_REPLY_PARTITION, AdmissionRefusals.NO_CONSUMER,
                AdmissionRefusals.CONSUMER_LAG, AdmissionRefusals.KAFKA_UNAVAILABLE, AdmissionRefusals.REDIS_UNAVAILABLE)) {
            assertThat(registry.find("courier.admission.refusals").tags("route", "get-post", "reason", reason).counter()).as(reason).isNotNull();
        }
    }

    @Test
    void shouldCountEachRefusalUnderItsRouteAndReason() {
        AdmissionRefusals refusals = new AdmissionRefusals(registry, List.of("get-post"));

        refusals.refused("get-post", AdmissionRefusals.CONSUMER_LAG);
        refusals.refused("get-post", AdmissionRefusals.CONSUMER_LAG);
        refusals.refused("get-post", AdmissionRefusals.OVERLOADED);

        assertThat(count("get-post", AdmissionRefusals.CONSUMER_LAG)).isEqualTo(2);
        assertThat(count("get-post", AdmissionRefusals.OVERLOADED)).isEqualTo(1);
        assertThat(count("get-post", AdmissionRefusals.NO_CONSUMER)).isZero();
    }

    private double count(String route, String reason) {
        return registry.get("courier.admission.refusals").tags("route", route, "reason", reason).counter().count();
    }
}
