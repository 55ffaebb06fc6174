package dev.courier.gateway.route;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code courier_route_deadline_seconds{route, topic, group}}: how long each route's synchronous
 * requests wait for their reply, beside the topic its commands go to and the consumer group that
 * serves it, so an alert can compare a group's lag in seconds (the lag monitor's
 * {@code kafka_consumergroup_group_max_lag_seconds}) with the deadlines of the routes it serves,
 * without copying the route file into the alert rules. Each gauge reads the routes in force: a
 * reload changes its value, and a route reloaded away (or onto another topic or group) reads NaN.
 */
public final class RouteDeadlines {

    private RouteDeadlines() {
    }

    /** Registers the gauges of {@code table}'s routes, those registered before left as they are. */
    public static void bindTo(MeterRegistry registry, RouteTable table, LiveRoutes live) {
        for (Route route : table.routes()) {
            String group = route.consumerGroup().orElse("");
            Gauge.builder("courier.route.deadline", live, routes -> deadline(routes.get(), route.name(), route.topic(), group))
                    .baseUnit("seconds")
                    .description("How long a synchronous request on the route waits for its reply")
                    .tag("route", route.name()).tag("topic", route.topic()).tag("group", group)
                    .register(registry);
        }
    }

    private static double deadline(RouteTable routes, String name, String topic, String group) {
        return routes.named(name)
                .filter(route -> route.topic().equals(topic) && route.consumerGroup().orElse("").equals(group))
                .map(route -> route.timeout().toNanos() / 1e9)
                .orElse(Double.NaN);
    }
}
