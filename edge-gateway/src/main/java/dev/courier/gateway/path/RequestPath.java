package dev.courier.gateway.path;

import dev.courier.gateway.admission.AdmissionRefusals;
import dev.courier.gateway.admission.LagAdmission;
import dev.courier.gateway.breaker.DependencyBreaker;
import dev.courier.gateway.cache.CacheMetrics;
import dev.courier.gateway.cache.ResponseCache;
import dev.courier.gateway.command.CommandCodecs;
import dev.courier.gateway.command.CommandMapper;
import dev.courier.gateway.command.CommandPublisher;
import dev.courier.gateway.http.BearerAuth;
import dev.courier.gateway.http.Responder;
import dev.courier.gateway.ratelimit.RateLimitMetrics;
import dev.courier.gateway.ratelimit.RateLimiter;
import dev.courier.gateway.reply.PendingReplies;
import dev.courier.gateway.route.LiveRoutes;
import dev.courier.gateway.store.RequestStore;
import dev.courier.gateway.tracing.RequestSpans;
import dev.courier.schemas.kafka.ReplyTo;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The request path of every declarative route, as a chain of steps: match, authenticate, rate
 * limit, map and validate, answer from the cache, admit, claim, dispatch. The parts here are shared by every event loop and thread-safe;
 * each loop builds its own chain, with its own pending replies.
 *
 * @param replyTo this instance's reply address (topic and leased partition)
 * @param replyPartitionHeld whether the lease is valid now: without it, no synchronous request is taken
 * @param draining whether shutdown has begun: the edge then answers every new request 503
 * @param lagAdmission refuses synchronous requests the consumers could not answer in time
 * @param maxPending the most requests the gateway admits and has not answered yet, on all loops together
 * @param refusals counts what admission refused
 * @param rateLimiter keeps the routes' rate limits
 * @param cache the answers of cached routes kept in this gateway
 * @param breakers the circuit breakers of the dependencies requests call (none when they are off)
 * @param spans the spans of each request's steps
 * @param inFlight the requests admitted and not answered yet
 */
public record RequestPath(LiveRoutes routes, BearerAuth auth, CommandMapper mapper, CommandCodecs codecs,
                          RequestStore store, CommandPublisher publisher, Responder responder,
                          Supplier<ReplyTo> replyTo, BooleanSupplier replyPartitionHeld, BooleanSupplier draining,
                          int maxPending, LagAdmission lagAdmission, AdmissionRefusals refusals, RateLimiter rateLimiter,
                          RateLimitMetrics rateLimitMetrics, ResponseCache cache, CacheMetrics cacheMetrics, List<AdmissionRule> breakers,
                          RequestSpans spans, AtomicInteger inFlight) {

    public RequestPath(LiveRoutes routes, BearerAuth auth, CommandMapper mapper, CommandCodecs codecs, RequestStore store,
                       CommandPublisher publisher, Responder responder, Supplier<ReplyTo> replyTo, BooleanSupplier replyPartitionHeld,
                       BooleanSupplier draining, int maxPending, LagAdmission lagAdmission, AdmissionRefusals refusals,
                       RateLimiter rateLimiter, RateLimitMetrics rateLimitMetrics, ResponseCache cache, CacheMetrics cacheMetrics,
                       List<AdmissionRule> breakers, RequestSpans spans) {
        this(routes, auth, mapper, codecs, store, publisher, responder, replyTo, replyPartitionHeld, draining, maxPending, lagAdmission,
                refusals, rateLimiter, rateLimitMetrics, cache, cacheMetrics, List.copyOf(breakers), spans, new AtomicInteger());
    }

    /** The steps of one event loop, in order. */
    public List<Handler<RoutingContext>> steps(Context loop, PendingReplies pending) {
        List<RequestStep> steps = List.of(
                new MatchStep(routes),
                new AuthenticateStep(auth, spans),
                new RateLimitStep(rateLimiter, rateLimitMetrics, loop),
                new MapStep(mapper, codecs),
                new CacheStep(cache, cacheMetrics, responder),
                new AdmitStep(inFlight, maxPending, rules(), refusals),
                new ClaimStep(store, responder, loop),
                new DispatchStep(publisher, replyTo, store, responder, refusals, pending, loop, cache, spans));
        return steps.stream().map(RequestStep::handler).toList();
    }

    /** The breakers come last: a permit is taken only for a request no other rule refuses. */
    private List<AdmissionRule> rules() {
        List<AdmissionRule> rules = new ArrayList<>(List.of(AdmissionRules.replyPartition(replyPartitionHeld), AdmissionRules.lag(lagAdmission)));
        rules.addAll(breakers);
        return rules;
    }

    /** The breakers' admission rules: Kafka's for every request, Redis's for those put on record. */
    public static List<AdmissionRule> breakerRules(DependencyBreaker kafka, DependencyBreaker redis) {
        return List.of(AdmissionRules.kafka(kafka), AdmissionRules.redis(redis));
    }
}
