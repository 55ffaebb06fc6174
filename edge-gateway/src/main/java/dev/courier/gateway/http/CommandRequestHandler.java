package dev.courier.gateway.http;

import dev.courier.auth.Principal;
import dev.courier.gateway.admission.AdmissionRefusals;
import dev.courier.gateway.admission.LagAdmission;
import dev.courier.gateway.command.CommandMapper;
import dev.courier.gateway.command.CommandPublisher;
import dev.courier.gateway.command.RequestIds;
import dev.courier.gateway.reply.PendingReplies;
import dev.courier.gateway.route.Route;
import dev.courier.gateway.route.RouteMatch;
import dev.courier.gateway.route.RouteTable;
import dev.courier.gateway.store.Claim;
import dev.courier.gateway.store.RequestStore;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.kafka.CourierHeaders;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request path of every declarative route: match, authenticate, map the body to the command,
 * remember the request, produce the command, then wait for the reply (or answer 202 at once).
 * One instance per event loop, with that loop's pending replies.
 */
public final class CommandRequestHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(CommandRequestHandler.class);

    private final RequestPath path;
    private final PendingReplies pending;
    private final Context context;
    /** Requests admitted whose response has not ended yet; only touched on this loop's context. */
    private int inFlight;

    public CommandRequestHandler(RequestPath path, PendingReplies pending, Context context) {
        this.path = path;
        this.pending = pending;
        this.context = context;
    }

    @Override
    public void handle(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        RouteMatch match = path.routes().match(host(routing), routing.request().method().name(), routing.request().path());
        if (match instanceof RouteMatch.NotFound) {
            exchange.problem(Problem.of(404, "route-not-found", "No route matches this path", routing.request().path()));
            return;
        }
        if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
            exchange.response().putHeader("Allow", String.join(", ", notAllowed.allowed()));
            exchange.problem(Problem.of(405, "method-not-allowed", "Method not allowed",
                    routing.request().method().name() + " is not allowed here; allowed: " + String.join(", ", notAllowed.allowed())));
            return;
        }
        RouteMatch.Found found = (RouteMatch.Found) match;
        exchange.route(found.route().name());
        path.auth().require(exchange, found.route().scopes())
                .onSuccess(principal -> principal.ifPresent(caller -> accept(exchange, found, caller)))
                .onFailure(error -> internalError(exchange, error));
    }

    private void accept(Exchange exchange, RouteMatch.Found found, Principal caller) {
        RoutingContext routing = exchange.context();
        Route route = found.route();
        String keyHeader = routing.request().getHeader("Idempotency-Key");
        if (keyHeader != null) {
            Optional<String> key = RequestIds.idempotencyKey(keyHeader);
            if (key.isEmpty()) {
                exchange.problem(Problem.of(400, "invalid-idempotency-key", "The Idempotency-Key is not valid",
                        "it must be 1 to 255 printable ASCII characters"));
                return;
            }
            exchange.requestId(RequestIds.derived(caller.id(), key.get()));
        }
        String requestId = exchange.requestId();
        Buffer body = exchange.body();
        if (route.takesBody() && !JsonBodyCheck.accepts(exchange, route, body.length())) {
            return;
        }
        DecodeResult<SpecificRecord> mapped = path.mapper().map(route, found.pathParameters(),
                name -> routing.queryParams().getAll(name), body.getBytes(), requestId);
        if (mapped instanceof DecodeResult.Undecodable<SpecificRecord> invalid) {
            exchange.problem(Problem.invalid(invalid.reason(), invalid.violations()));
            return;
        }
        SpecificRecord command = ((DecodeResult.Decoded<SpecificRecord>) mapped).message();
        Preferences preferences = Preferences.parse(routing.request().headers().getAll("Prefer"));
        if (!admitted(exchange, preferences, route, keyOf(route, command))) {
            return;
        }
        byte[] encoded = path.codecs().encode(command);
        String fingerprint = Fingerprint.of(route.name(), encoded);
        path.store().claim(requestId, caller.id(), fingerprint, route.name())
                .whenComplete((claim, error) -> context.runOnContext(ignored -> {
                    if (error != null) {
                        unavailable(exchange, "Redis", error);
                    } else {
                        onClaim(exchange, route, caller, command, encoded, preferences, claim, fingerprint);
                    }
                }));
    }

    private void onClaim(Exchange exchange, Route route, Principal caller, SpecificRecord command, byte[] encoded,
                         Preferences preferences, Claim claim, String fingerprint) {
        if (claim instanceof Claim.Existing existing) {
            if (!existing.record().principal().equals(caller.id()) || !existing.record().fingerprint().equals(fingerprint)) {
                exchange.problem(Problem.of(422, "idempotency-key-reused", "The Idempotency-Key was used for another request",
                        "a retry must repeat the original request exactly; use a new key for a new request"));
                return;
            }
            if (existing.record().reply().isPresent()) {
                path.responder().outcome(exchange, route, existing.record().reply().get());
                return;
            }
            // Seen before but no reply yet: send again. The service answers a repeated request id
            // from its stored outcome, so this never causes a second effect.
        }
        if (preferences.respondAsync()) {
            produce(exchange, route, caller, command, encoded).onSuccess(ignored -> {
                exchange.response().putHeader("Preference-Applied", "respond-async");
                path.responder().accepted(exchange);
            });
            return;
        }
        Duration deadline = preferences.deadline(route.timeout());
        long elapsedMillis = exchange.elapsedNanos() / 1_000_000;
        long sentAt = System.nanoTime();
        pending.await(exchange.requestId(), Math.max(1, deadline.toMillis() - elapsedMillis)).onSuccess(reply -> {
            exchange.replyWaitNanos(System.nanoTime() - sentAt);
            if (reply.isPresent()) {
                path.responder().outcome(exchange, route, reply.get());
            } else {
                path.responder().timedOut(exchange, deadline);
            }
        });
        produce(exchange, route, caller, command, encoded).onFailure(error -> pending.cancel(exchange.requestId()));
    }

    /**
     * The one admission point: a request is taken only while this event loop has room for it (the
     * requests admitted and not yet answered, synchronous or not, stay under {@code http.max-pending}),
     * and a synchronous one only while replies can reach this instance. The place is taken here and
     * given back when the response ends or the connection closes, whatever path the request took.
     */
    private boolean admitted(Exchange exchange, Preferences preferences, Route route, String key) {
        if (!preferences.respondAsync() && !path.replyPartitionHeld().getAsBoolean()) {
            refused(exchange, route, new LagAdmission.Refused(AdmissionRefusals.NO_REPLY_PARTITION, "The gateway cannot receive replies right now; "
                    + "retry, or send Prefer: respond-async", 1));
            return false;
        }
        if (inFlight >= path.maxPending()) {
            overloaded(exchange, route);
            return false;
        }
        if (!preferences.respondAsync()) {
            Duration wait = preferences.deadline(route.timeout()).minusNanos(exchange.elapsedNanos());
            Optional<LagAdmission.Refused> tooLate = path.lagAdmission().check(route, key, wait);
            if (tooLate.isPresent()) {
                refused(exchange, route, tooLate.get());
                return false;
            }
        }
        inFlight++;
        exchange.context().addEndHandler(ended -> inFlight--);
        return true;
    }

    private void refused(Exchange exchange, Route route, LagAdmission.Refused refusal) {
        path.refusals().refused(route.name(), refusal.type());
        exchange.response().putHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
        exchange.problem(Problem.of(503, refusal.type(), "The request cannot be answered in time", refusal.detail()));
    }

    private static String keyOf(Route route, SpecificRecord command) {
        return String.valueOf(command.get(route.schema().getField(route.key()).pos()));
    }

    private void overloaded(Exchange exchange, Route route) {
        path.refusals().refused(route.name(), AdmissionRefusals.OVERLOADED);
        exchange.response().putHeader("Retry-After", "1");
        exchange.problem(Problem.of(503, AdmissionRefusals.OVERLOADED, "Too many requests are in flight", "retry shortly"));
    }

    private Future<Void> produce(Exchange exchange, Route route, Principal caller, SpecificRecord command, byte[] encoded) {
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, exchange.requestId());
        CourierHeaders.put(headers, CourierHeaders.CORRELATION_ID, exchange.correlationId());
        CourierHeaders.put(headers, CourierHeaders.REPLY_TO, path.replyTo().get().format());
        CourierHeaders.put(headers, CourierHeaders.PRINCIPAL, caller.id());
        String traceparent = exchange.context().request().getHeader("traceparent");
        if (CourierHeaders.isTraceparent(traceparent)) {
            CourierHeaders.put(headers, CourierHeaders.TRACEPARENT, traceparent);
        }
        String key = keyOf(route, command);
        return path.publisher().send(context, route.topic(), key, encoded, headers).onFailure(error -> {
            if (error instanceof CommandPublisher.Full) {
                overloaded(exchange, route);
            } else {
                unavailable(exchange, "Kafka", error);
            }
        });
    }

    private static void unavailable(Exchange exchange, String dependency, Throwable error) {
        LOG.warn("request failed dependency={} requestId={} error={}", dependency, exchange.requestId(), error.toString());
        exchange.response().putHeader("Retry-After", "1");
        exchange.problem(Problem.of(503, "unavailable", "A backing service is unavailable", dependency + " did not accept the request"));
    }

    private static void internalError(Exchange exchange, Throwable error) {
        LOG.error("request failed requestId={}", exchange.requestId(), error);
        exchange.problem(Problem.of(500, "internal-error", "Internal error", "quote the request id when reporting this"));
    }

    private static String host(RoutingContext routing) {
        return routing.request().authority() != null ? routing.request().authority().host() : null;
    }
}
