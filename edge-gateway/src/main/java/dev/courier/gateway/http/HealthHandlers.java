package dev.courier.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.courier.commons.management.HealthCheck;
import io.vertx.ext.web.RoutingContext;
import java.util.List;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: every check is up (Redis and
 * Kafka reachable, reply partition leased, reply consumer alive, not shutting down); 503 naming the
 * failing checks otherwise. The same checks back the management listener's readiness.
 */
public final class HealthHandlers {

    private final List<HealthCheck> checks;

    public HealthHandlers(List<HealthCheck> checks) {
        this.checks = List.copyOf(checks);
    }

    public void live(RoutingContext routing) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", "UP");
        Exchange.of(routing).json(200, body);
    }

    public void ready(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ObjectNode results = JsonNodeFactory.instance.objectNode();
        boolean ready = true;
        for (HealthCheck check : checks) {
            boolean up = check.up().getAsBoolean();
            ready &= up;
            results.put(check.name(), up ? "UP" : "DOWN");
        }
        body.put("status", ready ? "UP" : "DOWN");
        body.set("checks", results);
        exchange.response().putHeader("Cache-Control", "no-store");
        exchange.json(ready ? 200 : 503, body);
    }
}
