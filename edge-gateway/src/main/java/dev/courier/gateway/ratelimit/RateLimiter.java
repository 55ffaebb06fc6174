package dev.courier.gateway.ratelimit;

import dev.courier.gateway.route.RateLimit;
import java.util.concurrent.CompletableFuture;

/** Takes one request from a caller's bucket on a route; never fails, whatever its store does. */
public interface RateLimiter {

    /**
     * @param route the route's name: each route has its own buckets
     * @param caller who is asking: the principal, or the client address where there is none
     * @return the decision, often already complete; else completed off the event loop
     */
    CompletableFuture<RateDecision> take(String route, RateLimit limit, String caller);
}
