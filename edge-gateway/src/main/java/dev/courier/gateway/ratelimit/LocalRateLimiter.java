package dev.courier.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.courier.gateway.route.RateLimit;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Rate limits kept by this instance alone, in memory: the fallback while Redis does not answer,
 * and a limiter for tests. The least recently used callers' buckets go first once there are
 * {@code maxCallers}; a caller forgotten so comes back with a full bucket.
 */
public final class LocalRateLimiter implements RateLimiter {

    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);

    private final Cache<String, Bucket> buckets;

    public LocalRateLimiter(int maxCallers) {
        this.buckets = Caffeine.newBuilder().maximumSize(maxCallers).expireAfterAccess(FORGET_AFTER).build();
    }

    @Override
    public CompletableFuture<RateDecision> take(String route, RateLimit limit, String caller) {
        return CompletableFuture.completedFuture(takeNow(route, limit, caller));
    }

    RateDecision takeNow(String route, RateLimit limit, String caller) {
        Bucket bucket = buckets.get(Buckets.name(route, limit, caller),
                key -> Bucket.builder().addLimit(Buckets.bandwidth(limit)).build());
        return RateDecision.of(bucket.tryConsumeAndReturnRemaining(1), RateDecision.DecidedBy.LOCAL);
    }
}
