package dev.courier.gateway.tracing;

import dev.courier.gateway.http.Exchange;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/**
 * The spans of a request: a server span that continues the client's {@code traceparent} (or starts
 * a trace) and ends with the response, named by the route that answered, and the spans of the steps
 * under it ({@code authenticate}, {@code produce}, {@code wait for reply}). With tracing off every
 * span is a no-op and costs nothing to speak of.
 */
public final class RequestSpans {

    private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
    private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
    private static final TextMapGetter<HttpServerRequest> HEADERS = new TextMapGetter<>() {
        @Override
        public String get(HttpServerRequest request, String key) {
            return request == null ? null : request.getHeader(key);
        }
    };

    private static final TextMapGetter<String> TRACEPARENT = new TextMapGetter<>() {
        @Override
        public String get(String traceparent, String key) {
            return "traceparent".equals(key) ? traceparent : null;
        }
    };

    private final Tracer tracer;

    public RequestSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    /** The router's handler that opens the request's span; runs right after the exchange begins. */
    public Handler<RoutingContext> server() {
        return routing -> {
            Exchange exchange = Exchange.of(routing);
            HttpServerRequest request = routing.request();
            Context parent = W3CTraceContextPropagator.getInstance().extract(Context.root(), request, HEADERS);
            Span span = tracer.spanBuilder(request.method().name()).setParent(parent).setSpanKind(SpanKind.SERVER).startSpan();
            exchange.span(span);
            routing.addEndHandler(ended -> {
                int status = routing.response().getStatusCode();
                span.updateName(request.method().name() + " " + exchange.routeName());
                span.setAttribute(ROUTE, exchange.routeName());
                span.setAttribute(STATUS, (long) status);
                if (status >= 500) {
                    span.setStatus(StatusCode.ERROR);
                }
                span.end();
            });
            routing.next();
        };
    }

    /** A span of one step of the request, under its server span. */
    public Span step(Exchange exchange, String name) {
        return tracer.spanBuilder(name).setParent(Context.root().with(exchange.span())).startSpan();
    }

    /** A span of one step, sent to another process as the parent of its work. */
    public Span producer(Exchange exchange, String name) {
        return tracer.spanBuilder(name).setParent(Context.root().with(exchange.span())).setSpanKind(SpanKind.PRODUCER).startSpan();
    }

    /**
     * The moment the reply reached the request, under its server span, linked to the service's
     * {@code reply} span that the reply's {@code traceparent} names: the reply's span links back.
     */
    public Span replyReceived(Exchange exchange, String replyTraceparent) {
        SpanBuilder builder = tracer.spanBuilder("reply received").setParent(Context.root().with(exchange.span()));
        SpanContext reply = Span.fromContext(W3CTraceContextPropagator.getInstance().extract(Context.root(), replyTraceparent, TRACEPARENT))
                .getSpanContext();
        if (reply.isValid()) {
            builder.addLink(reply);
        }
        return builder.startSpan();
    }

    /** A request whose trace continues nowhere: for tests of the request path without tracing. */
    public static RequestSpans off() {
        return new RequestSpans(OpenTelemetry.noop().getTracer("courier"));
    }
}
