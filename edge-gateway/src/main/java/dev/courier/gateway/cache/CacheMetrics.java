package dev.courier.gateway.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code courier_cache_lookups_total{route, result}}: requests on cached routes answered from a kept
 * answer ({@code hit}), with 304 ({@code revalidated}), or sent on ({@code miss}); the hit ratio is
 * (hit + revalidated) / all.
 */
public final class CacheMetrics {

    private final MeterRegistry registry;

    public CacheMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void looked(String route, String result) {
        Counter.builder("courier.cache.lookups").description("Requests on cached routes, by whether a kept answer served them")
                .tag("route", route).tag("result", result).register(registry).increment();
    }
}
