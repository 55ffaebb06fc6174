package dev.courier.streams.testing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.event.RequestServed;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.topic.AccessRecordKeys;
import dev.courier.schemas.topic.Topics;
import dev.courier.streams.ViewsTopology;
import dev.courier.streams.errors.DeadLetterRecords;
import dev.courier.streams.errors.FailedRecords;
import dev.courier.streams.errors.UndecodableRecords;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The whole topology under {@link TopologyTestDriver}: events, access records and queries in; replies and dead letters out. */
public final class ViewsDriver implements AutoCloseable {

    public static final String EVENTS = Topics.BLOG_EVENTS.name();
    public static final String QUERIES = Topics.ANALYTICS_QUERIES.name();
    public static final String ACCESS = Topics.ACCESS_RECORDS.name();
    public static final String DEAD_LETTERS = Topics.ANALYTICS_DLQ.name();
    public static final String REPLIES = Topics.REPLIES.name();
    public static final String BLOG_DEAD_LETTERS = Topics.BLOG_COMMANDS_DLQ.name();
    public static final Duration GRACE = Duration.ofSeconds(30);

    private final SingleObjectCodec<SpecificRecord> queryCodec =
            new SingleObjectCodec<>(Messages.ANALYTICS_QUERIES, SchemaCatalog.released());
    private final SingleObjectCodec<Reply> replyCodec = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released());
    private final TopologyTestDriver driver;
    public final TestInputTopic<String, SpecificRecord> events;
    public final TestInputTopic<byte[], byte[]> rawEvents;
    public final TestInputTopic<byte[], byte[]> queries;
    public final TestInputTopic<String, RequestServed> access;
    public final TestOutputTopic<byte[], byte[]> replies;
    public final TestOutputTopic<byte[], byte[]> deadLetters;
    public final TestInputTopic<byte[], byte[]> blogDeadLetters;
    private int requests;

    public ViewsDriver(Path stateDir) {
        ViewsTopology.Settings settings = new ViewsTopology.Settings(EVENTS, QUERIES, DEAD_LETTERS, ACCESS, "route-windows",
                List.of(BLOG_DEAD_LETTERS, DEAD_LETTERS), "dead-letter-windows", Duration.ofHours(1), GRACE, Duration.ofDays(7),
                replyTo -> replyTo.topic().equals(REPLIES) ? Optional.empty() : Optional.of("no such topic"));
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "views-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableRecords.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, FailedRecords.class.getName());
        props.put(DeadLetterRecords.TOPIC_CONFIG, DEAD_LETTERS);
        driver = new TopologyTestDriver(ViewsTopology.build(new StreamsBuilder(), settings), props);
        events = driver.createInputTopic(EVENTS, new StringSerializer(), Topics.BLOG_EVENTS.valueSerde().serializer());
        rawEvents = driver.createInputTopic(EVENTS, new ByteArraySerializer(), new ByteArraySerializer());
        queries = driver.createInputTopic(QUERIES, new ByteArraySerializer(), new ByteArraySerializer());
        access = driver.createInputTopic(ACCESS, new StringSerializer(), Topics.ACCESS_RECORDS.valueSerde().serializer());
        replies = driver.createOutputTopic(REPLIES, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        blogDeadLetters = driver.createInputTopic(BLOG_DEAD_LETTERS, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** A post event as the blog service writes it. */
    public void event(String requestId, String postId, SpecificRecord event, Instant at) {
        events.pipeInput(new TestRecord<>(postId, event, headers(requestId, null), at));
    }

    /** An access record as a gateway writes it, keyed by route and status class. */
    public void served(String route, int status, long gatewayMicros, String instance, Instant at) {
        RequestServed record = new RequestServed(route, "GET", status, gatewayMicros, gatewayMicros / 2, instance, "ada", at);
        access.pipeInput(new TestRecord<>(AccessRecordKeys.of(route, status), record, new RecordHeaders(), at));
    }

    /** Sends a query keyed by {@code key} and returns its one reply. */
    public Reply ask(String key, SpecificRecord query) {
        String requestId = "q-" + (++requests);
        queries.pipeInput(new TestRecord<>(utf8(key), queryCodec.encode(query), headers(requestId, REPLIES), Instant.EPOCH));
        List<TestRecord<byte[], byte[]>> answers = replies.readRecordsToList();
        assertThat(answers).singleElement().satisfies(answer ->
                assertThat(CourierHeaders.lastString(answer.headers(), CourierHeaders.REQUEST_ID)).contains(requestId));
        return reply(answers.get(0).value());
    }

    public byte[] encode(SpecificRecord query) {
        return queryCodec.encode(query);
    }

    public Reply reply(byte[] bytes) {
        return ((DecodeResult.Decoded<Reply>) replyCodec.decode(bytes)).message();
    }

    /** Headers with a request id and, unless null, a reply-to. */
    public static Headers headers(String requestId, String replyTo) {
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
        if (replyTo != null) {
            CourierHeaders.put(headers, CourierHeaders.REPLY_TO, replyTo);
        }
        return headers;
    }

    public static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
