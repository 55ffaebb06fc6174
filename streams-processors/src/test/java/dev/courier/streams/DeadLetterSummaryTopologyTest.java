package dev.courier.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.courier.command.GetAuthorStats;
import dev.courier.command.GetDeadLetterStats;
import dev.courier.model.DeadLetterStats;
import dev.courier.model.DeadLetterWindow;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.streams.testing.ViewsDriver;
import java.nio.file.Path;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dead-letter summary: dead letters of every dead-letter topic, per source topic, error class and minute. */
class DeadLetterSummaryTopologyTest {

    private static final Instant MINUTE = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path stateDir;
    private ViewsDriver views;

    @BeforeEach
    void startDriver() {
        views = new ViewsDriver(stateDir);
    }

    @AfterEach
    void closeDriver() {
        views.close();
    }

    @Test
    void shouldCountDeadLettersPerSourceTopicErrorClassAndMinute() {
        // given the blog service's dead letters over two minutes
        deadLetter("courier.blog.commands", "UndecodableValue", MINUTE.plusSeconds(1));
        deadLetter("courier.blog.commands", "UndecodableValue", MINUTE.plusSeconds(2));
        deadLetter("courier.blog.commands", "MissingHeader", MINUTE.plusSeconds(3));
        deadLetter("courier.blog.commands", "UndecodableValue", MINUTE.plusSeconds(61));

        // when
        DeadLetterStats stats = stats("*", MINUTE, MINUTE.plusSeconds(120));

        // then
        assertThat(stats.getWindows()).extracting(DeadLetterWindow::getWindowStart, DeadLetterWindow::getErrorClass, DeadLetterWindow::getCount)
                .containsExactly(tuple(MINUTE, "MissingHeader", 1L), tuple(MINUTE, "UndecodableValue", 2L),
                        tuple(MINUTE.plusSeconds(60), "UndecodableValue", 1L));
        assertThat(stats.getAsOf()).isEqualTo(MINUTE.plusSeconds(61));
    }

    @Test
    void shouldCountThePoisonTheProcessorsThemselvesSendToTheirDeadLetters() {
        // given a query without a request id, dead-lettered by the processors
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REPLY_TO, ViewsDriver.REPLIES);
        views.queries.pipeInput(new TestRecord<>(ViewsDriver.utf8("ada"), views.encode(new GetAuthorStats("ada")), headers, MINUTE));

        // when
        DeadLetterStats stats = stats(ViewsDriver.QUERIES, MINUTE, MINUTE.plusSeconds(60));

        // then
        assertThat(stats.getWindows()).extracting(DeadLetterWindow::getSourceTopic, DeadLetterWindow::getErrorClass, DeadLetterWindow::getCount)
                .containsExactly(tuple(ViewsDriver.QUERIES, "MissingHeader", 1L));
    }

    @Test
    void shouldAnswerOneSourceTopicOnly() {
        // given
        deadLetter("courier.blog.commands", "UndecodableValue", MINUTE);
        deadLetter("courier.user.commands", "UndecodableValue", MINUTE);

        // when
        DeadLetterStats stats = stats("courier.user.commands", MINUTE, MINUTE.plusSeconds(60));

        // then
        assertThat(stats.getWindows()).extracting(DeadLetterWindow::getSourceTopic).containsExactly("courier.user.commands");
    }

    private void deadLetter(String sourceTopic, String errorClass, Instant at) {
        Headers headers = CourierHeaders.deadLetter(new RecordHeaders(), errorClass, "what went wrong", sourceTopic, 0, 7);
        views.blogDeadLetters.pipeInput(new TestRecord<>(ViewsDriver.utf8("k"), ViewsDriver.utf8("original"), headers, at));
    }

    private DeadLetterStats stats(String sourceTopic, Instant from, Instant to) {
        Reply reply = views.ask(sourceTopic, new GetDeadLetterStats(sourceTopic, from, to));
        assertThat(reply.getOutcome()).as("%s", reply).isEqualTo(Outcome.OK);
        return (DeadLetterStats) reply.getView();
    }
}
