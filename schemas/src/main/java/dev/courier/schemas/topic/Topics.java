package dev.courier.schemas.topic;

import dev.courier.event.RequestServed;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.kafka.MessageSerde;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Courier topic, under its default name. Keys are the id of the entity whose changes must
 * stay in order (see each command's doc); replies are keyed by request id. Dead-letter topics keep
 * the original bytes.
 */
public final class Topics {

    /** Commands for the blog service, keyed by post id (author id for listings). */
    public static final Topic<String, SpecificRecord> BLOG_COMMANDS = message("courier.blog.commands", MessageSerde.of(Messages.BLOG_COMMANDS));
    /** Commands for the user service, keyed by user id (lower-cased username for look-ups by name). */
    public static final Topic<String, SpecificRecord> USER_COMMANDS = message("courier.user.commands", MessageSerde.of(Messages.USER_COMMANDS));
    /** Replies to commands, keyed by request id, each sent to the partition its command named. */
    public static final Topic<String, Reply> REPLIES = message("courier.replies", MessageSerde.of(Messages.REPLIES));
    /** Blog domain events, keyed by post id. */
    public static final Topic<String, SpecificRecord> BLOG_EVENTS = message("courier.blog.events", MessageSerde.of(Messages.BLOG_EVENTS));
    /** User domain events, keyed by user id. */
    public static final Topic<String, SpecificRecord> USER_EVENTS = message("courier.user.events", MessageSerde.of(Messages.USER_EVENTS));
    /** Blog commands that could not be processed: original key, value and headers plus the error headers. */
    public static final Topic<byte[], byte[]> BLOG_COMMANDS_DLQ = raw("courier.blog.commands.dlq");
    /** User commands that could not be processed: original key, value and headers plus the error headers. */
    public static final Topic<byte[], byte[]> USER_COMMANDS_DLQ = raw("courier.user.commands.dlq");

    /** Queries for the streams processors, keyed by author id (author statistics), route name (route analytics) or source topic (dead letters). */
    public static final Topic<String, SpecificRecord> ANALYTICS_QUERIES = message("courier.analytics.queries",
            MessageSerde.of(Messages.ANALYTICS_QUERIES));
    /** The gateways' access records, keyed by route name and status class ({@code create-post/2xx}); written without waiting, read by the route analytics. */
    public static final Topic<String, RequestServed> ACCESS_RECORDS = message("courier.gateway.access", MessageSerde.of(Messages.ACCESS_RECORDS));
    /** Everything the streams processors could not read or answer: original bytes plus the error headers. */
    public static final Topic<byte[], byte[]> ANALYTICS_DLQ = raw("courier.analytics.dlq");

    private Topics() {
    }

    private static <V> Topic<String, V> message(String name, Serde<V> values) {
        return new Topic<>(name, Serdes.String(), values);
    }

    private static Topic<byte[], byte[]> raw(String name) {
        return new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray());
    }
}
