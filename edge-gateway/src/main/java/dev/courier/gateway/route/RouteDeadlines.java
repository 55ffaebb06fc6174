package dev.courier.gateway.route;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code courier_route_deadline_seconds{route, topic, group}}: how long each route's synchronous
 * requests wait for their reply, beside the topic its commands go to and the consumer group that
 * serves it, so an alert can compare a group's lag in seconds (the lag monitor's
 * {@code kafka_consumergroup_group_max_lag_seconds}) with the deadlines of the routes it serves,
 * without copying the route file into the alert rules.
 */
public final class RouteDeadlines {

    private RouteDeadlines() {
    }

    public static void bindTo(MeterRegistry registry, RouteTable routes) {
        for (Route route : routes.routes()) {
            double seconds = route.timeout().toNanos() / 1e9;
            Gauge.builder("courier.route.deadline", () -> seconds).baseUnit("seconds")
                    .description("How long a synchronous request on the route waits for its reply")
                    .tag("route", route.name()).tag("topic", route.topic()).tag("group", route.consumerGroup().orElse(""))
                    .register(registry);
        }
    }
}
