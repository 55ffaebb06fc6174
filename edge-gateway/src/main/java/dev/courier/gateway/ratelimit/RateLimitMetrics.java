package dev.courier.gateway.ratelimit;

import dev.courier.gateway.route.Route;
import io.github.bucket4j.distributed.proxy.optimization.OptimizationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code courier_rate_limit_decisions_total{route, result, decided_by}}: every limited route's
 * decisions, allowed or limited, by where they were made (redis, local, none), each at 0 from the
 * start. {@code courier_rate_limit_without_redis_total} counts those Redis-shared decisions made
 * from the instance's share with no round trip, and {@code courier_rate_limit_merged_total} the
 * ones that shared a round trip with another: what the sharing costs Redis.
 */
public final class RateLimitMetrics implements OptimizationListener {

    private final MeterRegistry registry;
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();
    private final Counter withoutRedis;
    private final Counter merged;

    public RateLimitMetrics(MeterRegistry registry, Collection<Route> routes) {
        this.registry = registry;
        register(routes);
        this.withoutRedis = Counter.builder("courier.rate.limit.without.redis")
                .description("Rate-limit decisions taken from this instance's share of a shared bucket, without a Redis round trip")
                .register(registry);
        this.merged = Counter.builder("courier.rate.limit.merged")
                .description("Rate-limit decisions that shared a Redis round trip with another").register(registry);
    }

    /** Registers the counters of these routes' limits (at start, and before reloaded routes are put in force). */
    public void register(Collection<Route> routes) {
        for (Route route : routes) {
            if (route.rateLimit().isPresent()) {
                for (RateDecision.DecidedBy decidedBy : RateDecision.DecidedBy.values()) {
                    for (boolean allowed : new boolean[] {true, false}) {
                        decisions.computeIfAbsent(key(route.name(), allowed, decidedBy), any -> Counter.builder("courier.rate.limit.decisions")
                                .description("Rate-limit decisions by route, result and where they were made")
                                .tag("route", route.name()).tag("result", allowed ? "allowed" : "limited")
                                .tag("decided_by", decidedBy.name().toLowerCase(Locale.ROOT)).register(registry));
                    }
                }
            }
        }
    }

    public void decided(String route, RateDecision decision) {
        Counter counter = decisions.get(key(route, decision.allowed(), decision.decidedBy()));
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void incrementSkipCount(int count) {
        withoutRedis.increment(count);
    }

    @Override
    public void incrementMergeCount(int count) {
        merged.increment(count);
    }

    private static String key(String route, boolean allowed, RateDecision.DecidedBy decidedBy) {
        return route + ' ' + allowed + ' ' + decidedBy;
    }
}
