package dev.courier.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.courier.gateway.command.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's view of one HTTP exchange: its ids, when it started, and how to answer it. Every
 * response carries {@code X-Request-Id} and {@code X-Correlation-Id}.
 */
public final class Exchange {

    private static final String KEY = "courier.exchange";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RoutingContext context;
    private final HttpMetrics metrics;
    private final AccessRecords accessRecords;
    private final long startNanos = System.nanoTime();
    private String route = HttpMetrics.UNMATCHED;
    private final String clientCorrelationId;
    private String requestId;
    private long replyWaitNanos = -1;
    private String principal;
    private Buffer body = Buffer.buffer();
    private Span span = Span.getInvalid();

    private Exchange(RoutingContext context, HttpMetrics metrics, AccessRecords accessRecords) {
        this.context = context;
        this.metrics = metrics;
        this.accessRecords = accessRecords;
        this.clientCorrelationId = context.request().getHeader("X-Correlation-Id");
        this.requestId = RequestIds.random();
    }

    /** The first handler of every request: tags the exchange as it arrives. */
    public static Handler<RoutingContext> begin(HttpMetrics metrics, AccessRecords accessRecords) {
        return context -> {
            context.put(KEY, new Exchange(context, metrics, accessRecords));
            context.next();
        };
    }

    /** Names the route that answers, for metrics: a route's name, never the raw path. */
    public static Handler<RoutingContext> route(String name, Handler<RoutingContext> handler) {
        return context -> {
            of(context).route(name);
            handler.handle(context);
        };
    }

    public static Exchange of(RoutingContext context) {
        Exchange exchange = context.get(KEY);
        if (exchange == null) {
            // Only a failure before the first handler ran gets here; it is answered all the same, but
            // not access-logged: the log writes from its own thread, which this exchange cannot reach.
            exchange = new Exchange(context, HttpMetrics.NONE, AccessRecords.NONE);
            context.put(KEY, exchange);
        }
        return exchange;
    }

    /** The request's server span; an invalid one when tracing is off. */
    public Span span() {
        return span;
    }

    public void span(Span span) {
        this.span = span;
    }

    /** The name of the route that answers, or {@code unmatched}. */
    public String routeName() {
        return route;
    }

    public void route(String name) {
        this.route = name;
    }

    public String requestId() {
        return requestId;
    }

    /** Replaces the generated id with one derived from an Idempotency-Key. */
    public void requestId(String derived) {
        this.requestId = derived;
    }

    public String correlationId() {
        return RequestIds.correlationId(clientCorrelationId, requestId);
    }

    public RoutingContext context() {
        return context;
    }

    /** The request body as {@link BodyReader} read it; empty when there was none. */
    public Buffer body() {
        return body;
    }

    void body(Buffer body) {
        this.body = body;
    }

    /** Who made the request, once authenticated: for the access record. */
    public void principal(String id) {
        this.principal = id;
    }

    public void replyWaitNanos(long nanos) {
        this.replyWaitNanos = nanos;
    }

    public void problem(Problem problem) {
        respond(problem.status(), Problem.MEDIA_TYPE, problem.toJson(context.request().path(), requestId));
    }

    public void json(int status, JsonNode body) {
        respond(status, "application/json", body);
    }

    public void empty(int status) {
        if (context.response().ended()) {
            return;
        }
        headers().setStatusCode(status);
        answered(status);
        context.response().end();
    }

    public HttpServerResponse response() {
        return context.response();
    }

    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** A JSON body already serialized (a kept answer). */
    public void jsonBytes(int status, byte[] body) {
        respond(status, "application/json", body);
    }

    /** The JSON body as it goes on the wire. */
    public static byte[] serialize(JsonNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    private void respond(int status, String contentType, JsonNode body) {
        respond(status, contentType, serialize(body));
    }

    private void respond(int status, String contentType, byte[] bytes) {
        if (context.response().ended()) {
            return;
        }
        headers().putHeader("Content-Type", contentType);
        context.response().setStatusCode(status);
        answered(status);
        context.response().end(Buffer.buffer(bytes));
    }

    private void answered(int status) {
        long elapsed = elapsedNanos();
        String method = context.request().method().name();
        metrics.record(route, method, status, elapsed);
        String traceId = span.getSpanContext().isValid() ? span.getSpanContext().getTraceId() : "-";
        accessRecords.served(new AccessRecords.Served(route, method, context.request().path(), status, elapsed, replyWaitNanos, principal,
                System.currentTimeMillis(), requestId, correlationId(), traceId));
    }

    private HttpServerResponse headers() {
        HttpServerResponse response = context.response();
        response.putHeader("X-Request-Id", requestId);
        response.putHeader("X-Correlation-Id", correlationId());
        response.putHeader("Server-Timing", ServerTiming.format(elapsedNanos(), replyWaitNanos));
        return response;
    }
}
