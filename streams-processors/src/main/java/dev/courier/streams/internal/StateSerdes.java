package dev.courier.streams.internal;

import dev.courier.model.AuthorStats;
import dev.courier.schemas.codec.MessageFamily;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.json.JsonToAvro;
import dev.courier.schemas.kafka.MessageSerde;
import dev.courier.streams.state.DeadLetterCount;
import dev.courier.streams.state.DeadLetterWindowEntry;
import dev.courier.streams.state.PostEntry;
import dev.courier.streams.state.RouteAggregate;
import dev.courier.streams.state.RouteWindowEntry;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.serialization.Serde;

/**
 * How the processors' own state is written: in state stores, their changelogs and repartition
 * topics. Single-object encoding as on the public topics, against a catalog of every released
 * version of these internal schemas, so a new version of the processors reads what an older one
 * left behind.
 */
public final class StateSerdes {

    /** Classpath folder of the released internal schema versions and their index. */
    public static final String RELEASED_ROOT = "dev/courier/streams/state/released/";

    static {
        // Avro instantiates generated classes only when trusted; trust the processors' own state too.
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(), type -> type.getPackageName().equals("dev.courier.streams.state")));
    }

    /** Every type kept in state. */
    public static final MessageFamily<SpecificRecord> STATE = MessageFamily.of("streams-state", SpecificRecord.class,
            PostEntry.class, AuthorStats.class, RouteAggregate.class, RouteWindowEntry.class, DeadLetterCount.class,
            DeadLetterWindowEntry.class);

    private static final SchemaCatalog CATALOG = SchemaCatalog.load(StateSerdes.class.getClassLoader(), RELEASED_ROOT);

    private StateSerdes() {
    }

    public static Serde<PostEntry> postEntries() {
        return of();
    }

    public static Serde<AuthorStats> authorStats() {
        return of();
    }

    public static Serde<RouteAggregate> routeAggregates() {
        return of();
    }

    public static Serde<RouteWindowEntry> routeWindows() {
        return of();
    }

    public static Serde<DeadLetterCount> deadLetterCounts() {
        return of();
    }

    public static Serde<DeadLetterWindowEntry> deadLetterWindows() {
        return of();
    }

    /** The catalog of released internal versions, for the compatibility gate. */
    public static SchemaCatalog catalog() {
        return CATALOG;
    }

    /** One codec for every state type: its encoders and decoders are built once. */
    private static final MessageSerde<SpecificRecord> SERDE = new MessageSerde<>(new SingleObjectCodec<>(STATE, CATALOG), new JsonToAvro());

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> Serde<T> of() {
        return (Serde<T>) (Serde<?>) SERDE;
    }
}
