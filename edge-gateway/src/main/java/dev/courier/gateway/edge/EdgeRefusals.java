package dev.courier.gateway.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** {@code courier_edge_refusals_total{status, type}}: requests the edge answered itself, never seen by a route. */
final class EdgeRefusals {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    EdgeRefusals(MeterRegistry registry) {
        this.registry = registry;
    }

    void refused(Refusal refusal) {
        counters.computeIfAbsent(refusal.status() + refusal.type(), any -> Counter.builder("courier.edge.refusals")
                .description("Requests refused by the edge before any route: broken framing, bad headers, draining")
                .tag("status", Integer.toString(refusal.status())).tag("type", refusal.type()).register(registry)).increment();
    }
}
