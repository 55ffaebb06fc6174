package dev.courier.service.internal.processing;

import dev.courier.commons.tracing.KafkaTraceContext;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The spans of one command, continuing the trace its record's {@code traceparent} names: a
 * {@code process} span with {@code decide}, {@code redis write} and {@code reply} under it. The
 * records the command leads to (reply, events) carry the {@code reply} span as their parent, so
 * the gateway and the event consumers continue the same trace. With tracing off, all no-ops.
 */
public final class CommandSpans {

    private final Tracer tracer;

    public CommandSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    public static CommandSpans off() {
        return new CommandSpans(OpenTelemetry.noop().getTracer("courier"));
    }

    Span process(ConsumerRecord<byte[], byte[]> record, String commandType) {
        return tracer.spanBuilder("process " + commandType).setParent(KafkaTraceContext.extract(record.headers()))
                .setSpanKind(SpanKind.CONSUMER).startSpan();
    }

    Span step(Span process, String name) {
        return tracer.spanBuilder(name).setParent(Context.root().with(process)).startSpan();
    }

    /** The command is answered: its records go out under a {@code reply} span, and its spans end. */
    List<Output> answered(Span process, List<Output> outputs) {
        Span reply = tracer.spanBuilder("reply").setParent(Context.root().with(process)).setSpanKind(SpanKind.PRODUCER).startSpan();
        Context context = Context.root().with(reply);
        outputs.forEach(output -> {
            if (output.kind() != Output.Kind.DEAD_LETTER) {
                KafkaTraceContext.inject(context, output.record().headers());
            }
        });
        reply.end();
        process.end();
        return outputs;
    }
}
