package dev.courier.gateway.path;

import dev.courier.commons.tracing.KafkaTraceContext;
import dev.courier.gateway.admission.AdmissionRefusals;
import dev.courier.gateway.breaker.DependencyBreaker;
import dev.courier.gateway.cache.KeptAnswer;
import dev.courier.gateway.cache.ResponseCache;
import dev.courier.gateway.command.CommandPublisher;
import dev.courier.gateway.http.Exchange;
import dev.courier.gateway.http.OutcomeRenderer;
import dev.courier.gateway.http.Responder;
import dev.courier.gateway.reply.PendingReplies;
import dev.courier.gateway.store.RequestStore;
import dev.courier.gateway.tracing.RequestSpans;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.ReplyTo;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last step: produces the command and answers. An asynchronous request gets 202 once Kafka
 * acknowledged the command; a synchronous one waits on this loop for its reply, or for its deadline
 * (504 with the {@code Location} of its outcome, once the request is on record).
 */
final class DispatchStep implements RequestStep {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchStep.class);

    private final CommandPublisher publisher;
    private final Supplier<ReplyTo> replyTo;
    private final RequestStore store;
    private final Responder responder;
    private final AdmissionRefusals refusals;
    private final PendingReplies pending;
    private final Context context;
    private final ResponseCache cache;
    private final RequestSpans spans;

    DispatchStep(CommandPublisher publisher, Supplier<ReplyTo> replyTo, RequestStore store, Responder responder,
                 AdmissionRefusals refusals, PendingReplies pending, Context context, ResponseCache cache, RequestSpans spans) {
        this.publisher = publisher;
        this.replyTo = replyTo;
        this.store = store;
        this.responder = responder;
        this.refusals = refusals;
        this.pending = pending;
        this.context = context;
        this.cache = cache;
        this.spans = spans;
    }

    @Override
    public void handle(CommandCall call) {
        Exchange exchange = call.exchange();
        if (call.async()) {
            produce(call, () -> context.runOnContext(ignored -> {
                exchange.response().putHeader("Preference-Applied", "respond-async");
                responder.accepted(exchange);
            }), error -> notProduced(call, error));
            return;
        }
        Duration deadline = call.deadline();
        long sentAt = System.nanoTime();
        Span waiting = spans.step(exchange, "wait for reply");
        pending.await(exchange.requestId(), call.origin(), Math.max(1, call.remainingWait().toMillis())).onSuccess(reply -> {
            waiting.end();
            exchange.replyWaitNanos(System.nanoTime() - sentAt);
            if (reply.isPresent()) {
                spans.replyReceived(exchange, reply.get().traceparent()).end();
                answer(call, reply.get().value());
            } else {
                timedOut(call, deadline);
            }
        });
        // Only a failure needs this loop: the reply is what the request waits for.
        produce(call, () -> { }, error -> {
            waiting.end();
            pending.cancel(exchange.requestId());
            notProduced(call, error);
        });
    }

    /**
     * An OK answer of a cached route is kept (unless its entity changed meanwhile) and served with
     * its tag; an OK answer to a write first makes what this gateway kept about the entity stale, so
     * the writer never reads an older version here.
     */
    private void answer(CommandCall call, byte[] reply) {
        OutcomeRenderer.Rendered rendered = responder.render(call.route(), reply);
        boolean ok = rendered.problem().isEmpty() && rendered.status() < 300;
        if (ok && call.reading() != null && rendered.status() == 200 && rendered.body() != null) {
            KeptAnswer answer = KeptAnswer.of(Exchange.serialize(rendered.body()), rendered.location());
            cache.keep(call.reading(), answer);
            responder.kept(call.exchange(), call.route(), answer);
            return;
        }
        if (ok && !call.route().method().equals("GET")) {
            cache.written(call.route().topic(), call.key());
        }
        responder.write(call.exchange(), call.route(), rendered);
    }

    /**
     * The 504 points at the outcome, so the request goes on record first (a late reply may have put
     * it there). A command Kafka had not even acknowledged by the deadline counts against Kafka's
     * breaker now: a broker that is down makes sends wait, and their failure would come too late.
     */
    private void timedOut(CommandCall call, Duration deadline) {
        if (call.kafkaPermit() != null) {
            call.kafkaPermit().failed(new TimeoutException("the command was not acknowledged within " + deadline.toMillis() + " ms"));
        }
        store.claim(call.exchange().requestId(), call.origin()).whenComplete((claim, error) -> context.runOnContext(ignored -> {
            if (error != null) {
                LOG.warn("timed-out request not put on record requestId={} error={}", call.exchange().requestId(), error.toString());
                responder.timedOutUnrecorded(call.exchange(), deadline);
            } else {
                responder.timedOut(call.exchange(), deadline);
            }
        }));
    }

    /**
     * Sends the command: {@code acknowledged} runs on the producer's thread, {@code failed} on
     * this loop. The produce span and Kafka's breaker permit are settled on whichever thread hears
     * first; both are thread-safe.
     */
    private void produce(CommandCall call, Runnable acknowledged, Handler<Throwable> failed) {
        Exchange exchange = call.exchange();
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, exchange.requestId());
        CourierHeaders.put(headers, CourierHeaders.CORRELATION_ID, exchange.correlationId());
        CourierHeaders.put(headers, CourierHeaders.REPLY_TO, replyTo.get().format());
        CourierHeaders.put(headers, CourierHeaders.PRINCIPAL, call.caller().id());
        // The produce span's context: with tracing on, the service's work goes under it (the client's trace);
        // with it off, the span is the client's own traceparent, passed on as it came.
        Span producing = spans.producer(exchange, "produce " + call.route().topic());
        KafkaTraceContext.inject(io.opentelemetry.context.Context.root().with(producing), headers);
        DependencyBreaker.Permit permit = call.kafkaPermit();
        if (permit != null) {
            permit.calling();
        }
        publisher.send(context, call.route().topic(), call.key(), call.encoded(), headers, () -> {
            producing.end();
            if (permit != null) {
                permit.succeeded();
            }
            acknowledged.run();
        }, error -> {
            producing.setStatus(StatusCode.ERROR);
            producing.end();
            if (permit != null) {
                if (error instanceof CommandPublisher.Full) {
                    permit.notCalled();
                } else {
                    permit.failed(error);
                }
            }
            failed.handle(error);
        });
    }

    private void notProduced(CommandCall call, Throwable error) {
        if (error instanceof CommandPublisher.Full) {
            AdmitStep.refuse(call, AdmitStep.OVERLOADED, refusals);
        } else {
            Unavailable.answer(call.exchange(), "Kafka", error);
        }
    }
}
