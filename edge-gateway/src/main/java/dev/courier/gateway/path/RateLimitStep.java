package dev.courier.gateway.path;

import dev.courier.gateway.http.Problem;
import dev.courier.gateway.ratelimit.RateDecision;
import dev.courier.gateway.ratelimit.RateLimitHeaders;
import dev.courier.gateway.ratelimit.RateLimitMetrics;
import dev.courier.gateway.ratelimit.RateLimiter;
import dev.courier.gateway.route.RateLimit;
import io.vertx.core.Context;
import java.util.concurrent.CompletableFuture;

/**
 * Takes a request from its caller's bucket on a route that declares a rate limit, before anything
 * is mapped or produced: over the limit it is answered 429 with {@code Retry-After}, and every
 * answer on the route carries the {@code RateLimit} headers. The caller is the principal, or the
 * client address where there is none. A route without a limit passes straight on.
 */
final class RateLimitStep implements RequestStep {

    private final RateLimiter limiter;
    private final RateLimitMetrics metrics;
    private final Context context;

    RateLimitStep(RateLimiter limiter, RateLimitMetrics metrics, Context context) {
        this.limiter = limiter;
        this.metrics = metrics;
        this.context = context;
    }

    @Override
    public void handle(CommandCall call) {
        RateLimit limit = call.route().rateLimit().orElse(null);
        if (limit == null) {
            call.next();
            return;
        }
        CompletableFuture<RateDecision> decision = limiter.take(call.route().name(), limit, caller(call));
        if (decision.isDone()) {
            decided(call, limit, decision.join());
        } else {
            decision.thenAccept(made -> context.runOnContext(ignored -> decided(call, limit, made)));
        }
    }

    private void decided(CommandCall call, RateLimit limit, RateDecision decision) {
        String route = call.route().name();
        metrics.decided(route, decision);
        RateLimitHeaders.put(call.exchange().response().headers(), route, limit, decision);
        if (decision.allowed()) {
            call.next();
            return;
        }
        call.exchange().problem(Problem.of(429, "rate-limited", "Too many requests",
                "route " + route + " allows each caller " + limit.requests() + " requests per " + limit.per().toSeconds()
                        + " s, at most " + limit.burst() + " at once; retry after the Retry-After seconds"));
    }

    private static String caller(CommandCall call) {
        return call.caller() != null ? "principal:" + call.caller().id()
                : "address:" + call.routing().request().remoteAddress().hostAddress();
    }
}
