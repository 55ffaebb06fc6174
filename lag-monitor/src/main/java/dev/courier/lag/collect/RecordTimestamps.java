package dev.courier.lag.collect;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * The timestamp of the next record a group has to process on a partition: the first record at or
 * after its committed offset, read with a consumer of its own ({@code read_committed}, no group).
 * Remembered while the committed offset stays, so a stuck group costs one read, not one per round.
 * When only transaction markers (or aborted records) lie between the committed offset and the end
 * of the log, there is no work left, and the reading says so.
 */
public final class RecordTimestamps implements AutoCloseable {

    /** What reading at a committed offset found. */
    public sealed interface Reading {
    }

    /** The next record to process was written at {@code millis}. */
    public record Written(long millis) implements Reading {
    }

    /** Nothing to process: only transaction markers or aborted records remain. */
    public record OnlyMarkers() implements Reading {
    }

    private final Consumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Known> known = new HashMap<>();

    public RecordTimestamps(Consumer<byte[], byte[]> consumer) {
        this.consumer = consumer;
    }

    /**
     * Readings at these committed offsets (each below its partition's log end and not below its
     * log start), within {@code budget}; a partition not read in time is left out, and asked again
     * next round.
     */
    public Map<TopicPartition, Reading> read(Map<TopicPartition, Long> committed, Map<TopicPartition, Long> logEnds, Duration budget) {
        Map<TopicPartition, Reading> readings = new HashMap<>();
        Map<TopicPartition, Long> toRead = new HashMap<>();
        committed.forEach((partition, offset) -> {
            Known remembered = known.get(partition);
            if (remembered != null && remembered.offset == offset) {
                readings.put(partition, remembered.reading);
            } else {
                toRead.put(partition, offset);
            }
        });
        known.keySet().retainAll(committed.keySet());
        if (!toRead.isEmpty()) {
            readings.putAll(readNow(toRead, logEnds, budget));
        }
        return readings;
    }

    private Map<TopicPartition, Reading> readNow(Map<TopicPartition, Long> toRead, Map<TopicPartition, Long> logEnds, Duration budget) {
        Map<TopicPartition, Reading> found = new HashMap<>();
        consumer.assign(toRead.keySet());
        toRead.forEach(consumer::seek);
        Set<TopicPartition> open = new HashSet<>(toRead.keySet());
        long deadline = System.nanoTime() + budget.toNanos();
        while (!open.isEmpty() && System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(100));
            for (TopicPartition partition : records.partitions()) {
                if (open.remove(partition)) {
                    ConsumerRecord<byte[], byte[]> first = records.records(partition).get(0);
                    remember(found, partition, toRead.get(partition), new Written(first.timestamp()));
                    consumer.pause(Set.of(partition));
                }
            }
            for (TopicPartition partition : Set.copyOf(open)) {
                if (consumer.position(partition) >= logEnds.getOrDefault(partition, Long.MAX_VALUE)) {
                    open.remove(partition);
                    remember(found, partition, toRead.get(partition), new OnlyMarkers());
                }
            }
        }
        consumer.assign(Set.of());
        return found;
    }

    private void remember(Map<TopicPartition, Reading> found, TopicPartition partition, long offset, Reading reading) {
        found.put(partition, reading);
        known.put(partition, new Known(offset, reading));
    }

    @Override
    public void close() {
        consumer.close();
    }

    private record Known(long offset, Reading reading) {
    }
}
