package dev.courier.bench;

import dev.courier.schemas.kafka.CourierHeaders;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** When each request's record was written to a topic, as the record's own timestamp tells. */
final class RecordTimes {

    private RecordTimes() {
    }

    /** Every record's timestamp (epoch ms) by its request id header, the topic read from its start to its end now. */
    static Map<String, Long> byRequestId(String bootstrap, String topic) {
        Map<String, Long> byRequest = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    CourierHeaders.lastString(record.headers(), CourierHeaders.REQUEST_ID).ifPresent(id -> byRequest.put(id, record.timestamp()));
                }
            }
        }
        return byRequest;
    }
}
