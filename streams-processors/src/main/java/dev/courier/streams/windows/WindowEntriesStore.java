package dev.courier.streams.windows;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Keeps every instance's copy of a topic of windowed entries: each update replaces its window, and
 * windows older than the retention are let go as newer ones arrive (the topic behind it forgets
 * them too).
 */
public final class WindowEntriesStore<V> implements Processor<String, V, Void, Void> {

    /** The length of every window the processors count in. */
    public static final Duration WINDOW = Duration.ofMinutes(1);

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

    /** Reads {@code topic} whole into the global store {@code storeName}, on every instance. */
    public static <V> void addTo(StreamsBuilder builder, String storeName, String topic, Serde<V> values, Duration retention,
                                 Function<V, Instant> windowStart) {
        builder.addGlobalStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName), Serdes.String(), values)
                        .withLoggingDisabled(),
                topic, Consumed.with(Serdes.String(), values).withName(storeName + "-in"),
                () -> new WindowEntriesStore<>(storeName, retention, windowStart));
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
