package dev.courier.gateway.ratelimit;

import dev.courier.gateway.route.RateLimit;
import io.vertx.core.MultiMap;
import java.util.concurrent.TimeUnit;

/**
 * The IETF rate-limit header fields (draft-ietf-httpapi-ratelimit-headers): {@code RateLimit-Policy}
 * names the route's quota and window ({@code "create-post";q=600;w=60}), {@code RateLimit} what the
 * caller has left and in how many seconds its bucket is full again ({@code "create-post";r=12;t=5}).
 * A refusal adds {@code Retry-After}: whole seconds until one more request would be let through.
 */
public final class RateLimitHeaders {

    private RateLimitHeaders() {
    }

    public static void put(MultiMap headers, String route, RateLimit limit, RateDecision decision) {
        headers.set("RateLimit-Policy", '"' + route + "\";q=" + limit.requests() + ";w=" + limit.windowSeconds());
        if (decision.decidedBy() == RateDecision.DecidedBy.NONE) {
            return;
        }
        headers.set("RateLimit", '"' + route + "\";r=" + decision.remaining() + ";t=" + seconds(decision.fullInNanos()));
        if (!decision.allowed()) {
            headers.set("Retry-After", Long.toString(Math.max(1, seconds(decision.retryInNanos()))));
        }
    }

    private static long seconds(long nanos) {
        return (nanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1);
    }
}
