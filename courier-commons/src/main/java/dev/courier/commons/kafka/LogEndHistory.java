package dev.courier.commons.kafka;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * When each partition's log end reached which offset, sampled every round and kept for a while: where
 * the record at a committed offset cannot be read (deleted by retention), the time the log end
 * passed that offset is when the record was written, within a round (kafka-lag-exporter's method).
 */
public final class LogEndHistory {

    private final long keepMillis;
    private final Map<TopicPartition, Deque<Sample>> samples = new HashMap<>();

    public LogEndHistory(long keepMillis) {
        this.keepMillis = keepMillis;
    }

    public void record(TopicPartition partition, long atMillis, long logEnd) {
        Deque<Sample> history = samples.computeIfAbsent(partition, any -> new ArrayDeque<>());
        Sample last = history.peekLast();
        if (last == null || last.logEnd != logEnd) {
            history.addLast(new Sample(atMillis, logEnd));
        }
        while (!history.isEmpty() && history.peekFirst().atMillis < atMillis - keepMillis && history.size() > 1) {
            history.removeFirst();
        }
    }

    /** Forgets partitions no longer watched. */
    public void retain(Set<TopicPartition> watched) {
        samples.keySet().retainAll(watched);
    }

    /**
     * When the record at {@code offset} was written, interpolated between the last sample whose log
     * end was at or below it and the first one past it; the oldest sample's time when the history
     * starts after it (so the age is a lower bound); empty when no sample is past it yet.
     */
    public OptionalLong writtenAt(TopicPartition partition, long offset) {
        Deque<Sample> history = samples.get(partition);
        if (history == null || history.isEmpty()) {
            return OptionalLong.empty();
        }
        Sample before = null;
        for (Iterator<Sample> it = history.iterator(); it.hasNext(); ) {
            Sample sample = it.next();
            if (sample.logEnd > offset) {
                if (before == null) {
                    return OptionalLong.of(sample.atMillis);
                }
                double fraction = (double) (offset - before.logEnd) / (sample.logEnd - before.logEnd);
                return OptionalLong.of(before.atMillis + Math.round(fraction * (sample.atMillis - before.atMillis)));
            }
            before = sample;
        }
        return OptionalLong.empty();
    }

    /**
     * The first time the log end was seen past {@code offset}: the record there was written then or
     * before, so the age it gives is a lower bound, off by at most one sampling interval. Unlike
     * {@link #writtenAt}, a quiet spell before the record does not stretch its age.
     */
    public OptionalLong writtenBy(TopicPartition partition, long offset) {
        Deque<Sample> history = samples.get(partition);
        if (history != null) {
            for (Sample sample : history) {
                if (sample.logEnd > offset) {
                    return OptionalLong.of(sample.atMillis);
                }
            }
        }
        return OptionalLong.empty();
    }

    private record Sample(long atMillis, long logEnd) {
    }
}
