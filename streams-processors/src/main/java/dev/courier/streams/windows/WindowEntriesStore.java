package dev.courier.streams.windows;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every instance's copy of a topic of windowed entries: each update replaces its window, and
 * windows older than the retention are let go as newer ones arrive (the topic behind it forgets
 * them too).
 */
public final class WindowEntriesStore<V> implements Processor<String, V, Void, Void> {

    private final String storeName;
    private final long retentionMillis;
    private final Function<V, Instant> windowStart;
    private KeyValueStore<String, V> windows;
    private long prunedBefore;

    public WindowEntriesStore(String storeName, Duration retention, Function<V, Instant> windowStart) {
        this.storeName = storeName;
        this.retentionMillis = retention.toMillis();
        this.windowStart = windowStart;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.windows = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, V> record) {
        if (record.value() == null) {
            windows.delete(record.key());
            return;
        }
        windows.put(record.key(), record.value());
        long cutoff = windowStart.apply(record.value()).toEpochMilli() - retentionMillis;
        if (cutoff > prunedBefore) {
            try (KeyValueIterator<String, V> old = windows.range(WindowKeys.from(0), WindowKeys.from(cutoff))) {
                old.forEachRemaining(entry -> windows.delete(entry.key));
            }
            prunedBefore = cutoff;
        }
    }
}
