package dev.courier.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.GetAuthorStats;
import dev.courier.event.PostCreated;
import dev.courier.event.PostDeleted;
import dev.courier.event.PostUpdated;
import dev.courier.model.AuthorStats;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.topic.Topics;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The author statistics and their queries, from events and queries in to replies and dead letters out. */
class ViewsTopologyTest {

    private static final String EVENTS = Topics.BLOG_EVENTS.name();
    private static final String QUERIES = Topics.ANALYTICS_QUERIES.name();
    private static final String DEAD_LETTERS = Topics.ANALYTICS_DLQ.name();
    private static final String REPLIES = Topics.REPLIES.name();
    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    private final SingleObjectCodec<SpecificRecord> queryCodec =
            new SingleObjectCodec<>(Messages.ANALYTICS_QUERIES, SchemaCatalog.released());
    private final SingleObjectCodec<Reply> replyCodec = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released());

    @TempDir
    Path stateDir;
    private TopologyTestDriver driver;
    private TestInputTopic<String, SpecificRecord> events;
    private TestInputTopic<byte[], byte[]> rawEvents;
    private TestInputTopic<byte[], byte[]> queries;
    private TestOutputTopic<byte[], byte[]> replies;
    private TestOutputTopic<byte[], byte[]> deadLetters;
    private int requests;

    @BeforeEach
    void startDriver() {
        ViewsTopology.Settings settings = new ViewsTopology.Settings(EVENTS, QUERIES, DEAD_LETTERS, Duration.ofHours(1),
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
        replies = driver.createOutputTopic(REPLIES, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        deadLetters = driver.createOutputTopic(DEAD_LETTERS, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @AfterEach
    void closeDriver() {
        driver.close();
    }

    @Test
    void shouldFoldCreatesUpdatesAndDeletesIntoTheAuthorsView() {
        // given
        event("r-1", "p-1", new PostCreated("p-1", "ada", "One", "12345", T0));
        event("r-2", "p-2", new PostCreated("p-2", "ada", "Two", "1234567890", T0.plusSeconds(60)));
        event("r-3", "p-1", new PostUpdated("p-1", "ada", "One", "123", T0.plusSeconds(120)));
        event("r-4", "p-2", new PostDeleted("p-2", "ada", T0.plusSeconds(180)));

        // when
        Reply reply = ask("ada");

        // then
        assertThat(reply.getOutcome()).isEqualTo(Outcome.OK);
        assertThat((AuthorStats) reply.getView()).isEqualTo(new AuthorStats("ada", 1L, 2L, 1L, 1L, T0.plusSeconds(60), 3L,
                T0.plusSeconds(180)));
    }

    @Test
    void shouldCountAnEventDeliveredTwiceOnce() {
        // given the service crashed after producing the event and produced it again on redelivery
        PostCreated created = new PostCreated("p-1", "ada", "One", "12345", T0);
        event("r-1", "p-1", created);
        event("r-1", "p-1", created);
        event("r-2", "p-1", new PostUpdated("p-1", "ada", "One", "1234", T0.plusSeconds(1)));
        event("r-2", "p-1", new PostUpdated("p-1", "ada", "One", "1234", T0.plusSeconds(1)));

        // when
        AuthorStats stats = (AuthorStats) ask("ada").getView();

        // then
        assertThat(stats.getPostsCreated()).isEqualTo(1);
        assertThat(stats.getPostsUpdated()).isEqualTo(1);
        assertThat(stats.getLivePosts()).isEqualTo(1);
        assertThat(stats.getContentLength()).isEqualTo(4);
    }

    @Test
    void shouldCountContentInCodePointsNotUtf16Units() {
        // given
        event("r-1", "p-1", new PostCreated("p-1", "ada", "Emoji", "\uD83D\uDE00!", T0));

        // when
        AuthorStats stats = (AuthorStats) ask("ada").getView();

        // then
        assertThat(stats.getContentLength()).isEqualTo(2);
    }

    @Test
    void shouldAnswerAZeroViewForAnAuthorWithoutPosts() {
        // when
        Reply reply = ask("nobody");

        // then
        assertThat(reply.getOutcome()).isEqualTo(Outcome.OK);
        assertThat((AuthorStats) reply.getView()).isEqualTo(new AuthorStats("nobody", 0L, 0L, 0L, 0L, null, 0L, null));
    }

    @Test
    void shouldReplyWithTheQuerysRequestAndCorrelationIdsCopied() {
        // given
        Headers headers = queryHeaders("q-1", REPLIES + ":3");
        CourierHeaders.put(headers, CourierHeaders.CORRELATION_ID, "flow-7");

        // when
        queries.pipeInput(new TestRecord<>(utf8("ada"), queryCodec.encode(new GetAuthorStats("ada")), headers, T0));

        // then
        TestRecord<byte[], byte[]> reply = replies.readRecord();
        assertThat(new String(reply.key(), StandardCharsets.UTF_8)).isEqualTo("q-1");
        assertThat(CourierHeaders.lastString(reply.headers(), CourierHeaders.REQUEST_ID)).contains("q-1");
        assertThat(CourierHeaders.lastString(reply.headers(), CourierHeaders.CORRELATION_ID)).contains("flow-7");
    }

    @Test
    void shouldRejectAQueryKeyedByAnotherAuthor() {
        // when the key would place the query on another author's partition
        queries.pipeInput(new TestRecord<>(utf8("bob"), queryCodec.encode(new GetAuthorStats("ada")), queryHeaders("q-1", REPLIES), T0));

        // then
        Reply reply = reply(replies.readValue());
        assertThat(reply.getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(reply.getProblem().getFieldErrors()).singleElement().satisfies(error -> assertThat(error.getField()).isEqualTo("authorId"));
    }

    @Test
    void shouldRejectAQueryThatBreaksItsSchemasBounds() {
        // when
        queries.pipeInput(new TestRecord<>(utf8("a b"), queryCodec.encode(new GetAuthorStats("a b")), queryHeaders("q-1", REPLIES), T0));

        // then
        Reply reply = reply(replies.readValue());
        assertThat(reply.getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(reply.getProblem().getFieldErrors()).singleElement().satisfies(error -> assertThat(error.getField()).isEqualTo("authorId"));
    }

    @Test
    void shouldSendAQueryWithoutRequestIdToTheDeadLettersWithItsOriginalBytes() {
        // given
        byte[] value = queryCodec.encode(new GetAuthorStats("ada"));
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REPLY_TO, REPLIES);

        // when
        queries.pipeInput(new TestRecord<>(utf8("ada"), value, headers, T0));

        // then
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(value);
        assertThat(CourierHeaders.lastString(dead.headers(), CourierHeaders.DLQ_ERROR_CLASS)).contains("MissingHeader");
        assertThat(CourierHeaders.lastString(dead.headers(), CourierHeaders.DLQ_SOURCE_TOPIC)).contains(QUERIES);
        assertThat(replies.isEmpty()).isTrue();
    }

    @Test
    void shouldSendAQueryToAReplyTopicThatDoesNotExistToTheDeadLetters() {
        // when
        queries.pipeInput(new TestRecord<>(utf8("ada"), queryCodec.encode(new GetAuthorStats("ada")), queryHeaders("q-1", "nowhere"), T0));

        // then
        assertThat(CourierHeaders.lastString(deadLetters.readRecord().headers(), CourierHeaders.DLQ_ERROR_CLASS)).contains("InvalidHeader");
        assertThat(replies.isEmpty()).isTrue();
    }

    @Test
    void shouldSendAnUndecodableEventToTheDeadLettersAndGoOn() {
        // given
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, "r-poison");
        byte[] poison = "not avro".getBytes(StandardCharsets.UTF_8);

        // when
        rawEvents.pipeInput(new TestRecord<>(utf8("p-9"), poison, headers, T0));
        event("r-1", "p-1", new PostCreated("p-1", "ada", "One", "x", T0.plusSeconds(1)));

        // then
        TestRecord<byte[], byte[]> dead = deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(CourierHeaders.lastString(dead.headers(), CourierHeaders.DLQ_ERROR_CLASS)).contains("UndecodableValue");
        assertThat(CourierHeaders.lastString(dead.headers(), CourierHeaders.REQUEST_ID)).contains("r-poison");
        assertThat(((AuthorStats) ask("ada").getView()).getPostsCreated()).isEqualTo(1);
    }

    private void event(String requestId, String postId, SpecificRecord event) {
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
        events.pipeInput(new TestRecord<>(postId, event, headers, T0));
    }

    private Reply ask(String authorId) {
        String requestId = "q-" + (++requests);
        queries.pipeInput(new TestRecord<>(utf8(authorId), queryCodec.encode(new GetAuthorStats(authorId)), queryHeaders(requestId, REPLIES),
                T0));
        List<TestRecord<byte[], byte[]>> answers = replies.readRecordsToList();
        assertThat(answers).singleElement().satisfies(answer ->
                assertThat(CourierHeaders.lastString(answer.headers(), CourierHeaders.REQUEST_ID)).contains(requestId));
        return reply(answers.get(0).value());
    }

    private Reply reply(byte[] bytes) {
        return ((DecodeResult.Decoded<Reply>) replyCodec.decode(bytes)).message();
    }

    private static Headers queryHeaders(String requestId, String replyTo) {
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
        CourierHeaders.put(headers, CourierHeaders.REPLY_TO, replyTo);
        return headers;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
