package dev.courier.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.store.ArrivedReply;
import dev.courier.schemas.kafka.CourierHeaders;
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

class ReplyRecordsTest {

    private static final TopicPartition PARTITION = new TopicPartition("courier.replies", 0);

    private final ReplyMetrics metrics = new ReplyMetrics();

    @Test
    void shouldReadTheRequestIdHeaderAndTheValueOfEachRecordInOrder() {
        List<ArrivedReply> replies = ReplyRecords.replies(batch(List.of(record(0, "req-a", "one"), record(1, "req-b", "two"))), metrics);

        assertThat(replies).extracting(ArrivedReply::requestId).containsExactly("req-a", "req-b");
        assertThat(replies).extracting(reply -> new String(reply.value(), StandardCharsets.UTF_8)).containsExactly("one", "two");
        assertThat(metrics.undecodableReplies()).isZero();
    }

    @Test
    void shouldTakeTheLastRequestIdWhenTheHeaderIsRepeated() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(CourierHeaders.REQUEST_ID, "first".getBytes(StandardCharsets.UTF_8));
        headers.add(CourierHeaders.REQUEST_ID, "last".getBytes(StandardCharsets.UTF_8));

        List<ArrivedReply> replies = ReplyRecords.replies(batch(List.of(record(0, headers, new byte[] {1}))), metrics);

        assertThat(replies).extracting(ArrivedReply::requestId).containsExactly("last");
    }

    @Test
    void shouldSkipAndCountRecordsWithoutARequestIdOrAValue() {
        ConsumerRecords<byte[], byte[]> records = batch(List.of(
                record(0, new RecordHeaders(), new byte[] {1}),
                record(1, "req-a", null),
                record(2, "req-b", "kept")));

        List<ArrivedReply> replies = ReplyRecords.replies(records, metrics);

        assertThat(replies).extracting(ArrivedReply::requestId).containsExactly("req-b");
        assertThat(metrics.undecodableReplies()).isEqualTo(2);
    }

    private static ConsumerRecords<byte[], byte[]> batch(List<ConsumerRecord<byte[], byte[]>> records) {
        return new ConsumerRecords<>(Map.of(PARTITION, records), Map.of());
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, String requestId, String value) {
        RecordHeaders headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
        return record(offset, headers, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    private static ConsumerRecord<byte[], byte[]> record(long offset, RecordHeaders headers, byte[] value) {
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, 0L, TimestampType.CREATE_TIME, 0,
                value == null ? 0 : value.length, null, value, headers, Optional.empty());
    }
}
