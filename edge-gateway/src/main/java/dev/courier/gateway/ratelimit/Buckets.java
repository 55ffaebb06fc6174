package dev.courier.gateway.ratelimit;

import dev.courier.gateway.route.RateLimit;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;

/** A route's rate limit as a Bucket4j token bucket: {@code burst} tokens, refilled evenly. */
final class Buckets {

    private Buckets() {
    }

    static BucketConfiguration configuration(RateLimit limit) {
        return BucketConfiguration.builder().addLimit(bandwidth(limit)).build();
    }

    static Bandwidth bandwidth(RateLimit limit) {
        return Bandwidth.builder().capacity(limit.burst()).refillGreedy(limit.requests(), limit.per()).build();
    }

    /**
     * The name of one caller's bucket on one route under one limit: a route whose limit changes
     * starts everyone with a full bucket of the new size, and the old buckets expire.
     */
    static String name(String route, RateLimit limit, String caller) {
        return route + ':' + limit.requests() + '/' + limit.per().toSeconds() + "s/" + limit.burst() + ':' + caller;
    }
}
