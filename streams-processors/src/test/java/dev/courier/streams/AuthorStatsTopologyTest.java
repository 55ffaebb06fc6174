package dev.courier.streams;

import static dev.courier.streams.testing.ViewsDriver.QUERIES;
import static dev.courier.streams.testing.ViewsDriver.REPLIES;
import static dev.courier.streams.testing.ViewsDriver.headers;
import static dev.courier.streams.testing.ViewsDriver.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.GetAuthorStats;
import dev.courier.event.PostCreated;
import dev.courier.event.PostDeleted;
import dev.courier.event.PostUpdated;
import dev.courier.model.AuthorStats;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.streams.testing.ViewsDriver;
import dev.courier.streams.testing.ViewsDriverExtension;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The author statistics and their queries, from events and queries in to replies and dead letters out. */
@ExtendWith(ViewsDriverExtension.class)
class AuthorStatsTopologyTest {

    private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void shouldFoldCreatesUpdatesAndDeletesIntoTheAuthorsView(ViewsDriver views) {
        // given
        views.event("r-1", "p-1", new PostCreated("p-1", "ada", "One", "12345", T0), T0);
        views.event("r-2", "p-2", new PostCreated("p-2", "ada", "Two", "1234567890", T0.plusSeconds(60)), T0);
        views.event("r-3", "p-1", new PostUpdated("p-1", "ada", "One", "123", T0.plusSeconds(120)), T0);
        views.event("r-4", "p-2", new PostDeleted("p-2", "ada", T0.plusSeconds(180)), T0);

        // when
        Reply reply = ask(views, "ada");

        // then
        assertThat(reply.getOutcome()).isEqualTo(Outcome.OK);
        assertThat((AuthorStats) reply.getView()).isEqualTo(new AuthorStats("ada", 1L, 2L, 1L, 1L, T0.plusSeconds(60), 3L,
                T0.plusSeconds(180)));
    }

    @Test
    void shouldCountAnEventDeliveredTwiceOnce(ViewsDriver views) {
        // given the service crashed after producing the event and produced it again on redelivery
        PostCreated created = new PostCreated("p-1", "ada", "One", "12345", T0);
        views.event("r-1", "p-1", created, T0);
        views.event("r-1", "p-1", created, T0);
        views.event("r-2", "p-1", new PostUpdated("p-1", "ada", "One", "1234", T0.plusSeconds(1)), T0);
        views.event("r-2", "p-1", new PostUpdated("p-1", "ada", "One", "1234", T0.plusSeconds(1)), T0);

        // when
        AuthorStats stats = (AuthorStats) ask(views, "ada").getView();

        // then
        assertThat(stats.getPostsCreated()).isEqualTo(1);
        assertThat(stats.getPostsUpdated()).isEqualTo(1);
        assertThat(stats.getLivePosts()).isEqualTo(1);
        assertThat(stats.getContentLength()).isEqualTo(4);
    }

    @Test
    void shouldCountContentInCodePointsNotUtf16Units(ViewsDriver views) {
        // given
        views.event("r-1", "p-1", new PostCreated("p-1", "ada", "Emoji", "\uD83D\uDE00!", T0), T0);

        // when
        AuthorStats stats = (AuthorStats) ask(views, "ada").getView();

        // then
        assertThat(stats.getContentLength()).isEqualTo(2);
    }

    @Test
    void shouldAnswerAZeroViewForAnAuthorWithoutPosts(ViewsDriver views) {
        // when
        Reply reply = ask(views, "nobody");

        // then
        assertThat(reply.getOutcome()).isEqualTo(Outcome.OK);
        assertThat((AuthorStats) reply.getView()).isEqualTo(new AuthorStats("nobody", 0L, 0L, 0L, 0L, null, 0L, null));
    }

    @Test
    void shouldReplyWithTheQuerysRequestAndCorrelationIdsCopied(ViewsDriver views) {
        // given
        Headers headers = headers("q-1", REPLIES + ":3");
        CourierHeaders.put(headers, CourierHeaders.CORRELATION_ID, "flow-7");

        // when
        views.queries.pipeInput(new TestRecord<>(utf8("ada"), views.encode(new GetAuthorStats("ada")), headers, T0));

        // then
        TestRecord<byte[], byte[]> reply = views.replies.readRecord();
        assertThat(new String(reply.key(), StandardCharsets.UTF_8)).isEqualTo("q-1");
        assertThat(CourierHeaders.lastString(reply.headers(), CourierHeaders.REQUEST_ID)).contains("q-1");
        assertThat(CourierHeaders.lastString(reply.headers(), CourierHeaders.CORRELATION_ID)).contains("flow-7");
    }

    @Test
    void shouldRejectAQueryKeyedByAnotherAuthor(ViewsDriver views) {
        // when the key would place the query on another author's partition
        Reply reply = views.ask("bob", new GetAuthorStats("ada"));

        // then
        assertThat(reply.getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(reply.getProblem().getFieldErrors()).singleElement().satisfies(error -> assertThat(error.getField()).isEqualTo("authorId"));
    }

    @Test
    void shouldRejectAQueryThatBreaksItsSchemasBounds(ViewsDriver views) {
        // when
        Reply reply = views.ask("a b", new GetAuthorStats("a b"));

        // then
        assertThat(reply.getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(reply.getProblem().getFieldErrors()).singleElement().satisfies(error -> assertThat(error.getField()).isEqualTo("authorId"));
    }

    @Test
    void shouldSendAQueryWithoutRequestIdToTheDeadLettersWithItsOriginalBytes(ViewsDriver views) {
        // given
        byte[] value = views.encode(new GetAuthorStats("ada"));
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REPLY_TO, REPLIES);

        // when
        views.queries.pipeInput(new TestRecord<>(utf8("ada"), value, headers, T0));

        // then
        TestRecord<byte[], byte[]> dead = views.deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(value);
        assertThat(CourierHeaders.lastString(dead.headers(), CourierHeaders.DLQ_ERROR_CLASS)).contains("MissingHeader");
        assertThat(CourierHeaders.lastString(dead.headers(), CourierHeaders.DLQ_SOURCE_TOPIC)).contains(QUERIES);
        assertThat(views.replies.isEmpty()).isTrue();
    }

    @Test
    void shouldSendAQueryToAReplyTopicThatDoesNotExistToTheDeadLetters(ViewsDriver views) {
        // when
        views.queries.pipeInput(new TestRecord<>(utf8("ada"), views.encode(new GetAuthorStats("ada")), headers("q-1", "nowhere"), T0));

        // then
        assertThat(CourierHeaders.lastString(views.deadLetters.readRecord().headers(), CourierHeaders.DLQ_ERROR_CLASS)).contains("InvalidHeader");
        assertThat(views.replies.isEmpty()).isTrue();
    }

    @Test
    void shouldSendAnUndecodableEventToTheDeadLettersAndGoOn(ViewsDriver views) {
        // given
        byte[] poison = "not avro".getBytes(StandardCharsets.UTF_8);

        // when
        views.rawEvents.pipeInput(new TestRecord<>(utf8("p-9"), poison, headers("r-poison", null), T0));
        views.event("r-1", "p-1", new PostCreated("p-1", "ada", "One", "x", T0.plusSeconds(1)), T0);

        // then
        TestRecord<byte[], byte[]> dead = views.deadLetters.readRecord();
        assertThat(dead.value()).isEqualTo(poison);
        assertThat(CourierHeaders.lastString(dead.headers(), CourierHeaders.DLQ_ERROR_CLASS)).contains("UndecodableValue");
        assertThat(CourierHeaders.lastString(dead.headers(), CourierHeaders.REQUEST_ID)).contains("r-poison");
        assertThat(((AuthorStats) ask(views, "ada").getView()).getPostsCreated()).isEqualTo(1);
    }

    private static Reply ask(ViewsDriver views, String authorId) {
        return views.ask(authorId, new GetAuthorStats(authorId));
    }
}
