package dev.courier.streams.deadletters;

import dev.courier.streams.internal.StateSerdes;
import dev.courier.streams.internal.Times;
import dev.courier.streams.state.DeadLetterCount;
import dev.courier.streams.state.DeadLetterWindowEntry;
import dev.courier.streams.windows.WindowEntriesStore;
import dev.courier.streams.windows.WindowKeys;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The dead-letter summary: every dead-letter topic's records, counted per source topic, error class
 * and one-minute window of when they were dead-lettered, written to the dead-letter-windows topic
 * that every instance reads whole into {@value #DEAD_LETTER_WINDOWS}.
 */
public final class DeadLetterSummaryView {

    /** Every instance's copy of the dead-letter windows. */
    public static final String DEAD_LETTER_WINDOWS = "dead-letter-windows";
    /** The windowed counts. */
    private static final String DEAD_LETTER_COUNTS = "dead-letter-counts";
    /** Names the repartition topic that brings one source topic and error class together. */
    private static final String DEAD_LETTER_CLASSES = "dead-letter-classes";

    private DeadLetterSummaryView() {
    }

    public static void addTo(StreamsBuilder builder, List<String> deadLetterTopics, String windowsTopic, Duration grace, Duration retention) {
        builder.stream(deadLetterTopics, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("dead-letters"))
                .process(DeadLetterClasses::new)
                .groupByKey(Grouped.with(DEAD_LETTER_CLASSES, Serdes.String(), StateSerdes.deadLetterCounts()))
                .windowedBy(TimeWindows.ofSizeAndGrace(WindowEntriesStore.WINDOW, grace))
                .reduce((total, one) -> new DeadLetterCount(one.getSourceTopic(), one.getErrorClass(), total.getCount() + one.getCount(),
                                Times.later(total.getLastAt(), one.getLastAt())),
                        Materialized.<String, DeadLetterCount, WindowStore<Bytes, byte[]>>as(DEAD_LETTER_COUNTS)
                                .withKeySerde(Serdes.String()).withValueSerde(StateSerdes.deadLetterCounts()).withRetention(WindowEntriesStore.WINDOW.plus(grace)))
                .toStream()
                .map((window, count) -> KeyValue.pair(WindowKeys.of(window.window().startTime(), count.getSourceTopic(), count.getErrorClass()),
                        new DeadLetterWindowEntry(count.getSourceTopic(), count.getErrorClass(), window.window().startTime(),
                                window.window().endTime(), count.getCount(), count.getLastAt())))
                .to(windowsTopic, Produced.with(Serdes.String(), StateSerdes.deadLetterWindows()).withName("dead-letter-windows-out"));
        WindowEntriesStore.addTo(builder, DEAD_LETTER_WINDOWS, windowsTopic, StateSerdes.deadLetterWindows(), retention,
                DeadLetterWindowEntry::getWindowStart);
    }
}
