package dev.courier.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * {@code /health/live}: the process answers. {@code /health/ready}: Kafka reachable, Redis reachable,
 * the reply partition leased and not shutting down; 503 with the failing checks otherwise.
 */
public final class HealthHandlers {

    private final BooleanSupplier kafkaReachable;
    private final Supplier<Future<Boolean>> redisReachable;
    private final BooleanSupplier replyPartitionHeld;
    private final BooleanSupplier draining;

    public HealthHandlers(BooleanSupplier kafkaReachable, Supplier<Future<Boolean>> redisReachable,
                          BooleanSupplier replyPartitionHeld, BooleanSupplier draining) {
        this.kafkaReachable = kafkaReachable;
        this.redisReachable = redisReachable;
        this.replyPartitionHeld = replyPartitionHeld;
        this.draining = draining;
    }

    public void live(RoutingContext routing) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", "UP");
        Exchange.of(routing).json(200, body);
    }

    public void ready(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        redisReachable.get().otherwise(false).onComplete(redis -> {
            boolean kafka = kafkaReachable.getAsBoolean();
            boolean lease = replyPartitionHeld.getAsBoolean();
            boolean stopping = draining.getAsBoolean();
            boolean ready = kafka && redis.result() && lease && !stopping;
            ObjectNode body = JsonNodeFactory.instance.objectNode();
            body.put("status", ready ? "UP" : "DOWN");
            ObjectNode checks = body.putObject("checks");
            checks.put("kafka", kafka ? "UP" : "DOWN");
            checks.put("redis", redis.result() ? "UP" : "DOWN");
            checks.put("replyPartition", lease ? "UP" : "DOWN");
            checks.put("accepting", stopping ? "DOWN" : "UP");
            exchange.json(ready ? 200 : 503, body);
        });
    }
}
