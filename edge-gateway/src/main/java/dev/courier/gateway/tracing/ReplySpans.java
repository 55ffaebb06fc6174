package dev.courier.gateway.tracing;

import dev.courier.commons.tracing.KafkaTraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/**
 * A {@code receive reply} span per reply the gateway reads, under the service's {@code reply} span
 * its {@code traceparent} names: the trace goes back into the gateway with the reply. The request's
 * own {@code wait for reply} span ends when its event loop gets it.
 */
public final class ReplySpans {

    private final Tracer tracer;

    public ReplySpans(Tracer tracer) {
        this.tracer = tracer;
    }

    public static ReplySpans off() {
        return new ReplySpans(OpenTelemetry.noop().getTracer("courier"));
    }

    /** Opens a span per record that carries a trace context; end them once the batch is routed. */
    public List<Span> received(ConsumerRecords<byte[], byte[]> records) {
        List<Span> spans = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Context parent = KafkaTraceContext.extract(record.headers());
            // A reply without a trace context gets no span: under a real tracer it would start a stray trace of its own.
            if (Span.fromContext(parent).getSpanContext().isValid()) {
                spans.add(tracer.spanBuilder("receive reply").setParent(parent).setSpanKind(SpanKind.CONSUMER).startSpan());
            }
        }
        return spans;
    }
}
