package dev.courier.streams.analytics;

import dev.courier.streams.state.RouteWindowEntry;
import java.time.Duration;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps every instance's copy of the route windows: each update replaces its window, and windows
 * older than the retention are let go as newer ones arrive (the topic behind it forgets them too).
 */
final class RouteWindowsStore implements Processor<String, RouteWindowEntry, Void, Void> {

    private final String storeName;
    private final long retentionMillis;
    private KeyValueStore<String, RouteWindowEntry> windows;
    private long prunedBefore;

    RouteWindowsStore(String storeName, Duration retention) {
        this.storeName = storeName;
        this.retentionMillis = retention.toMillis();
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.windows = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, RouteWindowEntry> record) {
        if (record.value() == null) {
            windows.delete(record.key());
            return;
        }
        windows.put(record.key(), record.value());
        long cutoff = record.value().getWindowStart().toEpochMilli() - retentionMillis;
        if (cutoff > prunedBefore) {
            try (KeyValueIterator<String, RouteWindowEntry> old = windows.range(RouteWindowKeys.from(0), RouteWindowKeys.from(cutoff))) {
                old.forEachRemaining(entry -> windows.delete(entry.key));
            }
            prunedBefore = cutoff;
        }
    }
}
