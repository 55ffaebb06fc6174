package dev.courier.commons.tracing;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** W3C trace context in a Kafka record's headers: {@code traceparent}, one of it, a UTF-8 string. */
public final class KafkaTraceContext {

    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
        }
    };

    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private KafkaTraceContext() {
    }

    /** The context a record's headers carry; the root context when they carry none (or a malformed one). */
    public static Context extract(Headers headers) {
        return W3CTraceContextPropagator.getInstance().extract(Context.root(), headers, GETTER);
    }

    /** Puts {@code context}'s span into the headers, in place of what they carried; nothing when it has no valid span. */
    public static void inject(Context context, Headers headers) {
        W3CTraceContextPropagator.getInstance().inject(context, headers, SETTER);
    }
}
