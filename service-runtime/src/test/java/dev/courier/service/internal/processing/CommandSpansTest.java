package dev.courier.service.internal.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.commons.tracing.Tracing;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.service.testing.InMemoryAtomicWriter;
import dev.courier.service.testing.PostCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class CommandSpansTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final Tracing tracing = Tracing.exportingTo("blog-service", exported);
    private final InMemoryAtomicWriter store = new InMemoryAtomicWriter();

    @Test
    void shouldContinueTheCommandsTraceThroughDecideWriteAndReplyAndHandItOnInTheReply() {
        // given: a command whose record carries the caller's trace context
        BatchProcessor processor = PostCommands.processor(PostCommands.createPost(store), store, new ServiceMetrics(new SimpleMeterRegistry()),
                new CommandSpans(tracing.tracer("test")));
        Headers headers = PostCommands.commandHeaders("r1", "replies:0");
        headers.add(CourierHeaders.TRACEPARENT, ("00-" + TRACE + "-" + CALLER_SPAN + "-01").getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("commands", 0, 0, 0L, TimestampType.CREATE_TIME, 0, 0,
                "p1".getBytes(StandardCharsets.UTF_8), PostCommands.createPost("p1", "traced"), headers, Optional.empty());

        // when
        BatchResult result = processor.process(List.of(record));

        // then: one trace, the command's work under the caller's span
        Map<String, SpanData> spans = exported.getFinishedSpanItems().stream().collect(Collectors.toMap(SpanData::getName, span -> span));
        assertThat(spans.keySet()).containsExactlyInAnyOrder("process CreatePost", "decide", "redis write", "reply");
        assertThat(spans.values()).allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(TRACE));
        SpanData process = spans.get("process CreatePost");
        assertThat(process.getParentSpanId()).isEqualTo(CALLER_SPAN);
        assertThat(List.of(spans.get("decide"), spans.get("redis write"), spans.get("reply")))
                .allSatisfy(span -> assertThat(span.getParentSpanId()).isEqualTo(process.getSpanId()));
        // and the reply and the event carry the reply span on
        assertThat(result.outputs()).allSatisfy(output -> assertThat(CourierHeaders.lastString(output.record().headers(), CourierHeaders.TRACEPARENT))
                .contains("00-" + TRACE + "-" + spans.get("reply").getSpanId() + "-01"));
    }
}
