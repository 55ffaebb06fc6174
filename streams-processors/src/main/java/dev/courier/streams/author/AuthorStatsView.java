package dev.courier.streams.author;

import dev.courier.model.AuthorStats;
import dev.courier.schemas.topic.Topic;
import dev.courier.streams.internal.StateSerdes;
import java.time.Duration;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The author statistics: post events, each let through once ({@link FirstDeliveryOnly}), turned
 * into changes per author ({@link PostLedger}), summed into a table keyed by author id.
 */
public final class AuthorStatsView {

    /** Request ids of the events already counted, per window. */
    private static final String EVENT_REQUEST_IDS = "event-request-ids";
    /** What is known of each live post. */
    private static final String POST_ENTRIES = "post-entries";
    /** The view itself, keyed by author id. */
    public static final String AUTHOR_STATS = "author-stats";
    /** Names the repartition topic that brings an author's changes together. */
    private static final String AUTHOR_CHANGES = "author-changes";

    private AuthorStatsView() {
    }

    /** Adds the view to {@code builder}; it is materialized as {@value #AUTHOR_STATS}. */
    public static void addTo(StreamsBuilder builder, Topic<String, SpecificRecord> blogEvents, Duration dedupeWindow) {
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(EVENT_REQUEST_IDS, dedupeWindow, dedupeWindow, false), Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(POST_ENTRIES), Serdes.String(), StateSerdes.postEntries()));
        builder.stream(blogEvents.name(), Consumed.with(blogEvents.keySerde(), blogEvents.valueSerde()).withName("blog-events"))
                .process(() -> new FirstDeliveryOnly(EVENT_REQUEST_IDS, dedupeWindow), EVENT_REQUEST_IDS)
                .process(() -> new PostLedger(POST_ENTRIES), POST_ENTRIES)
                .groupByKey(Grouped.with(AUTHOR_CHANGES, Serdes.String(), StateSerdes.authorStats()))
                .aggregate(() -> AuthorStatsMath.zero(""), (authorId, change, total) -> AuthorStatsMath.plus(total, change),
                        Materialized.<String, AuthorStats, KeyValueStore<Bytes, byte[]>>as(AUTHOR_STATS)
                                .withKeySerde(Serdes.String()).withValueSerde(StateSerdes.authorStats()));
    }
}
