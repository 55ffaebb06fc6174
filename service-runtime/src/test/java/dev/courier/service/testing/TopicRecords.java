package dev.courier.service.testing;

import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** Reads every record of a topic from the beginning, for checking events and dead letters. */
public final class TopicRecords {

    private TopicRecords() {
    }

    /** Waits until the topic holds at least {@code count} records and returns all of them. */
    public static List<ConsumerRecord<byte[], byte[]>> awaitAtLeast(KafkaEndpoint kafka, String topic, int count) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Await.until(count + " records on " + topic, Duration.ofSeconds(60), () -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.size() >= count;
            }, () -> records.size() + " so far");
            // Whatever else is already there, so a test can also see that nothing more arrived.
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            Await.until("end of " + topic, Duration.ofSeconds(30), () -> {
                consumer.poll(Duration.ofMillis(50)).forEach(records::add);
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            }, () -> "positions behind " + ends);
        }
        return records;
    }
}
