package dev.courier.gateway.config;

import java.time.Duration;

/**
 * How the routes' rate limits are kept across gateway instances.
 *
 * @param whenRedisDown what the limits do while Redis does not answer
 * @param syncInterval the longest a hot caller's bucket is spent locally before it is brought in
 *     line with Redis (it is sooner once a twentieth of its burst is spent); 0 sends every request's
 *     decision to Redis
 * @param redisTimeout how long a request waits for Redis before the limit is decided locally
 * @param maxCallers the most callers whose buckets an instance keeps at once, every route together
 */
public record RateLimitSettings(WhenRedisDown whenRedisDown, Duration syncInterval, Duration redisTimeout, int maxCallers) {

    /** What the rate limits do while Redis is unreachable; neither makes a Redis outage a gateway outage. */
    public enum WhenRedisDown {
        /** Each instance keeps every route's limit on its own: N instances let through up to N times it. */
        CLOSED,
        /** Limits are lifted until Redis answers again. */
        OPEN
    }
}
