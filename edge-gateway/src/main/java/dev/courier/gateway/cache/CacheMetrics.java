package dev.courier.gateway.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code courier_cache_lookups_total{route, result}}: requests on cached routes answered from a kept
 * answer ({@code hit}), with 304 ({@code revalidated}), or sent on ({@code miss}); the hit ratio is
 * (hit + revalidated) / all. A route's counters are registered once, on its first lookup.
 */
public final class CacheMetrics {

    /** How a lookup went. */
    public enum Result { HIT, REVALIDATED, MISS }

    private final MeterRegistry registry;
    private final Map<String, Counter[]> byRoute = new ConcurrentHashMap<>();

    public CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void looked(String route, Result result) {
        byRoute.computeIfAbsent(route, this::counters)[result.ordinal()].increment();
    }

    private Counter[] counters(String route) {
        Counter[] counters = new Counter[Result.values().length];
        for (Result result : Result.values()) {
            counters[result.ordinal()] = Counter.builder("courier.cache.lookups")
                    .description("Requests on cached routes, by whether a kept answer served them")
                    .tag("route", route).tag("result", result.name().toLowerCase(Locale.ROOT)).register(registry);
        }
        return counters;
    }
}
