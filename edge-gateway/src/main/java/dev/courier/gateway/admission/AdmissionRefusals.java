package dev.courier.gateway.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code courier_admission_refusals_total{route, reason}}: requests refused at admission, by why.
 * Every route's counters exist from the start at 0, so a rate over them is right from the first
 * refusal and a dashboard shows the routes that never refuse.
 */
public final class AdmissionRefusals {

    /** Too many requests in flight on this event loop. */
    public static final String OVERLOADED = "overloaded";
    /** The gateway holds no reply partition, so no reply could reach it. */
    public static final String NO_REPLY_PARTITION = "no-reply-partition";
    /** No member of the route's consumer group has been there for the grace period. */
    public static final String NO_CONSUMER = "no-consumer";
    /** The group is further behind than the request would wait. */
    public static final String CONSUMER_LAG = "consumer-lag";

    /** Kafka's circuit breaker is open. */
    public static final String KAFKA_UNAVAILABLE = "kafka-unavailable";
    /** Redis's circuit breaker is open, and the request must be put on record there. */
    public static final String REDIS_UNAVAILABLE = "redis-unavailable";

    private static final List<String> REASONS = List.of(OVERLOADED, NO_REPLY_PARTITION, NO_CONSUMER, CONSUMER_LAG, KAFKA_UNAVAILABLE,
            REDIS_UNAVAILABLE);

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public AdmissionRefusals(MeterRegistry registry, Collection<String> routes) {
        this.registry = registry;
        register(routes);
    }

    /** Starts these routes' counters at 0 (at start, and before reloaded routes are put in force). */
    public void register(Collection<String> routes) {
        routes.forEach(route -> REASONS.forEach(reason -> counter(route, reason)));
    }

    public void refused(String route, String reason) {
        counter(route, reason).increment();
    }

    private Counter counter(String route, String reason) {
        return counters.computeIfAbsent(route + ' ' + reason, any -> Counter.builder("courier.admission.refusals")
                .description("Requests refused at admission, by route and reason")
                .tag("route", route).tag("reason", reason).register(registry));
    }
}
