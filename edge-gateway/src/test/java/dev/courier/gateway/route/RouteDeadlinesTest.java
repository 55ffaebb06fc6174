package dev.courier.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteDeadlinesTest {

    @Test
    void shouldExportEachRoutesDeadlineBesideItsTopicAndGroup() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouteTable routes = RouteFile.load(Optional.empty());

        RouteDeadlines.bindTo(registry, routes);

        assertThat(registry.find("courier.route.deadline").gauges()).hasSize(routes.routes().size());
        assertThat(registry.get("courier.route.deadline")
                .tags("route", "create-user", "topic", "courier.user.commands", "group", "courier.user-service").gauge().value())
                .isEqualTo(10.0);
    }
}
