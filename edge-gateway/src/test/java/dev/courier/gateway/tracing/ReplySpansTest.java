package dev.courier.gateway.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.commons.tracing.Tracing;
import dev.courier.schemas.kafka.CourierHeaders;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ReplySpansTest {

    private static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SERVICE_SPAN = "00f067aa0ba902b7";
    private static final TopicPartition PARTITION = new TopicPartition("replies", 0);

    private final InMemorySpanExporter exported = InMemorySpanExporter.create();
    private final ReplySpans spans = new ReplySpans(Tracing.exportingTo("edge-gateway", exported).tracer("test"));

    @Test
    void shouldOpenASpanOnlyForAReplyThatCarriesATraceContext() {
        // given: one reply with the service's trace context, one without
        RecordHeaders traced = new RecordHeaders();
        traced.add(CourierHeaders.TRACEPARENT, ("00-" + TRACE + "-" + SERVICE_SPAN + "-01").getBytes(StandardCharsets.UTF_8));
        ConsumerRecords<byte[], byte[]> records = new ConsumerRecords<>(Map.of(PARTITION, List.of(reply(0, traced), reply(1, new RecordHeaders()))),
                Map.of());

        // when
        List<Span> received = spans.received(records);
        received.forEach(Span::end);

        // then: one span, in the service's trace; the untraced reply starts no stray trace of its own
        assertThat(exported.getFinishedSpanItems()).singleElement().satisfies(span -> {
            assertThat(span.getName()).isEqualTo("receive reply");
            assertThat(span.getTraceId()).isEqualTo(TRACE);
            assertThat(span.getParentSpanId()).isEqualTo(SERVICE_SPAN);
        });
    }

    private static ConsumerRecord<byte[], byte[]> reply(long offset, RecordHeaders headers) {
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, 0L, TimestampType.CREATE_TIME, 0, 0,
                null, "reply".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }
}
