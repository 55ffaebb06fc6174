package dev.courier.gateway.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.courier.gateway.config.RateLimitSettings;
import dev.courier.gateway.route.RateLimit;
import dev.courier.gateway.store.GatewayKeys;
import io.github.bucket4j.distributed.AsyncBucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimization;
import io.github.bucket4j.distributed.proxy.optimization.OptimizationListener;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.distributed.serialization.Mapper;
import io.github.bucket4j.redis.redisson.Bucket4jRedisson;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rate limits shared by every gateway instance through Redis, with Bucket4j's token buckets.
 * A request does not pay a Redis round trip: each instance spends a caller's bucket locally and
 * brings it in line with Redis once it has spent a twentieth of the burst or {@code sync-interval}
 * has passed, whichever comes first, so N instances let through at most N twentieths of a burst
 * more than the limit. A caller's first request, and every request under a burst of less than 20
 * (or with {@code sync-interval} 0), go to Redis; requests waiting on the same bucket share a round trip. When Redis does not answer within {@code redis-timeout}, this instance decides
 * alone (its own buckets, or no limit), and one request asks Redis again every {@link #RETRY_REDIS_AFTER}.
 */
public final class SharedRateLimiter implements RateLimiter {

    private static final Logger LOG = LoggerFactory.getLogger(SharedRateLimiter.class);
    static final Duration RETRY_REDIS_AFTER = Duration.ofSeconds(2);
    private static final Duration FORGET_AFTER = Duration.ofMinutes(10);
    /** How long a full bucket stays in Redis: none is kept longer than it takes to refill, plus this. */
    private static final Duration KEEP_FULL_BUCKETS = Duration.ofSeconds(10);

    private final AsyncProxyManager<String> redis;
    private final Cache<String, AsyncBucketProxy> buckets;
    private final LocalRateLimiter local;
    private final RateLimitSettings settings;
    private final OptimizationListener syncs;
    private final AtomicLong redisRetryAtNanos = new AtomicLong();
    private volatile boolean redisDown;

    /** @param syncs counts the requests decided without a round trip (skips) and those sharing one (merges) */
    public SharedRateLimiter(RedissonClient redisson, RateLimitSettings settings, OptimizationListener syncs) {
        this.redis = Bucket4jRedisson.casBasedBuilder(((Redisson) redisson).getCommandExecutor())
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_FULL_BUCKETS))
                .keyMapper(Mapper.STRING)
                .build()
                .asAsync();
        this.buckets = Caffeine.newBuilder().maximumSize(settings.maxCallers()).expireAfterAccess(FORGET_AFTER).build();
        this.local = new LocalRateLimiter(settings.maxCallers());
        this.settings = settings;
        this.syncs = syncs;
    }

    @Override
    public CompletableFuture<RateDecision> take(String route, RateLimit limit, String caller) {
        if (redisDown && !probeRedis()) {
            return CompletableFuture.completedFuture(alone(route, limit, caller));
        }
        String name = Buckets.name(route, limit, caller);
        AsyncBucketProxy bucket = buckets.get(name, ignored -> proxy(name, limit));
        return bucket.tryConsumeAndReturnRemaining(1)
                .orTimeout(settings.redisTimeout().toNanos(), TimeUnit.NANOSECONDS)
                .handle((probe, error) -> {
                    if (error != null) {
                        redisFailed(error);
                        return alone(route, limit, caller);
                    }
                    if (redisDown) {
                        redisDown = false;
                        LOG.info("rate limits shared through Redis again");
                    }
                    return RateDecision.of(probe, RateDecision.DecidedBy.REDIS);
                });
    }

    private AsyncBucketProxy proxy(String name, RateLimit limit) {
        long share = limit.burst() / 20;
        Optimization optimization = share == 0 || settings.syncInterval().isZero() ? Optimizations.batching()
                : Optimizations.delaying(new DelayParameters(share, settings.syncInterval()));
        optimization = optimization.withListener(syncs);
        return redis.builder().withOptimization(optimization).build(GatewayKeys.rateLimit(name), () ->
                CompletableFuture.completedFuture(Buckets.configuration(limit)));
    }

    private RateDecision alone(String route, RateLimit limit, String caller) {
        return settings.whenRedisDown() == RateLimitSettings.WhenRedisDown.OPEN ? RateDecision.UNLIMITED : local.takeNow(route, limit, caller);
    }

    /** Whether this request asks Redis again: one request per retry interval, the others decide alone meanwhile. */
    private boolean probeRedis() {
        long retryAt = redisRetryAtNanos.get();
        return System.nanoTime() - retryAt >= 0 && redisRetryAtNanos.compareAndSet(retryAt, System.nanoTime() + RETRY_REDIS_AFTER.toNanos());
    }

    private void redisFailed(Throwable error) {
        redisRetryAtNanos.set(System.nanoTime() + RETRY_REDIS_AFTER.toNanos());
        if (!redisDown) {
            redisDown = true;
            LOG.warn("rate limits decided by this instance alone until Redis answers whenRedisDown={} error={}",
                    settings.whenRedisDown().name().toLowerCase(Locale.ROOT), error.toString());
        }
    }
}
