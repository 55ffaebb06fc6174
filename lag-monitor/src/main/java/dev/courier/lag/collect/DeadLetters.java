package dev.courier.lag.collect;

import dev.courier.schemas.kafka.CourierHeaders;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The dead-letter topics' panel: how many records each holds, how many arrived in the last minute,
 * and the error class and message of the latest ones (read again only when the topic grew).
 */
public final class DeadLetters implements AutoCloseable {

    private static final int LATEST = 5;
    private static final long RATE_WINDOW_MILLIS = 60_000;

    private final Consumer<byte[], byte[]> consumer;
    private final Map<String, Deque<long[]>> ends = new HashMap<>();
    private final Map<String, Latest> latest = new HashMap<>();

    public DeadLetters(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    public List<LagSnapshot.DeadLetterTopic> of(Set<String> topics, Offsets offsets, Duration budget) {
        List<LagSnapshot.DeadLetterTopic> panel = new ArrayList<>();
        Map<String, List<TopicPartition>> byTopic = offsets.logs().keySet().stream().filter(partition -> topics.contains(partition.topic()))
                .collect(Collectors.groupingBy(TopicPartition::topic));
        for (String topic : topics.stream().sorted().toList()) {
            List<TopicPartition> partitions = byTopic.getOrDefault(topic, List.of());
            long depth = 0;
            long end = 0;
            for (TopicPartition partition : partitions) {
                Offsets.Log log = offsets.logs().get(partition);
                depth += log.end() - log.start();
                end += log.end();
            }
            double perMinute = perMinute(topic, offsets.readAtMillis(), end);
            Latest known = latest.get(topic);
            if (known == null || known.end != end) {
                known = new Latest(end, read(partitions, offsets, budget));
                latest.put(topic, known);
            }
            panel.add(new LagSnapshot.DeadLetterTopic(topic, depth, perMinute, known.records));
        }
        ends.keySet().retainAll(topics);
        latest.keySet().retainAll(topics);
        return panel;
    }

    private double perMinute(String topic, long now, long end) {
        Deque<long[]> seen = ends.computeIfAbsent(topic, any -> new ArrayDeque<>());
        seen.addLast(new long[] {now, end});
        while (seen.size() > 2 && seen.peekFirst()[0] < now - RATE_WINDOW_MILLIS) {
            seen.removeFirst();
        }
        long[] first = seen.peekFirst();
        long elapsed = now - first[0];
        return elapsed <= 0 ? 0 : (end - first[1]) * 60_000.0 / elapsed;
    }

    private List<LagSnapshot.DeadLetter> read(List<TopicPartition> partitions, Offsets offsets, Duration budget) {
        Map<TopicPartition, Long> until = new HashMap<>();
        for (TopicPartition partition : partitions) {
            Offsets.Log log = offsets.logs().get(partition);
            if (log.end() > log.start()) {
                until.put(partition, log.end());
            }
        }
        if (until.isEmpty()) {
            return List.of();
        }
        List<LagSnapshot.DeadLetter> found = new ArrayList<>();
        consumer.assign(until.keySet());
        until.forEach((partition, end) -> consumer.seek(partition, Math.max(offsets.logs().get(partition).start(), end - LATEST)));
        long deadline = System.nanoTime() + budget.toNanos();
        while (!until.isEmpty() && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
            for (ConsumerRecord<byte[], byte[]> record : records) {
                found.add(new LagSnapshot.DeadLetter(record.timestamp(), record.partition(), record.offset(),
                        header(record, CourierHeaders.DLQ_ERROR_CLASS), header(record, CourierHeaders.DLQ_ERROR_MESSAGE),
                        header(record, CourierHeaders.DLQ_SOURCE_TOPIC)));
            }
            until.keySet().removeIf(partition -> consumer.position(partition) >= until.get(partition));
        }
        consumer.assign(Set.of());
        found.sort(Comparator.comparingLong(LagSnapshot.DeadLetter::timestampMillis).reversed());
        return found.subList(0, Math.min(LATEST, found.size()));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return CourierHeaders.lastString(record.headers(), name).orElse("");
    }

    @Override
    public void close() {
        consumer.close();
    }

    private record Latest(long end, List<LagSnapshot.DeadLetter> records) {
    }
}
