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
import dev.courier.streams.testing.ViewsDriverExtension;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The dead-letter summary: dead letters of every dead-letter topic, per source topic, error class and minute. */
@ExtendWith(ViewsDriverExtension.class)
class DeadLetterSummaryTopologyTest {

    private static final Instant MINUTE = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void shouldCountDeadLettersPerSourceTopicErrorClassAndMinute(ViewsDriver views) {
        // given the blog service's dead letters over two minutes
        deadLetter(views, "courier.blog.commands", "UndecodableValue", MINUTE.plusSeconds(1));
        deadLetter(views, "courier.blog.commands", "UndecodableValue", MINUTE.plusSeconds(2));
        deadLetter(views, "courier.blog.commands", "MissingHeader", MINUTE.plusSeconds(3));
        deadLetter(views, "courier.blog.commands", "UndecodableValue", MINUTE.plusSeconds(61));

        // when
        DeadLetterStats stats = stats(views, "*", MINUTE, MINUTE.plusSeconds(120));

        // then
        assertThat(stats.getWindows()).extracting(DeadLetterWindow::getWindowStart, DeadLetterWindow::getErrorClass, DeadLetterWindow::getCount)
                .containsExactly(tuple(MINUTE, "MissingHeader", 1L), tuple(MINUTE, "UndecodableValue", 2L),
                        tuple(MINUTE.plusSeconds(60), "UndecodableValue", 1L));
        assertThat(stats.getAsOf()).isEqualTo(MINUTE.plusSeconds(61));
    }

    @Test
    void shouldCountThePoisonTheProcessorsThemselvesSendToTheirDeadLetters(ViewsDriver views) {
        // given a query without a request id, dead-lettered by the processors
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REPLY_TO, ViewsDriver.REPLIES);
        views.queries.pipeInput(new TestRecord<>(ViewsDriver.utf8("ada"), views.encode(new GetAuthorStats("ada")), headers, MINUTE));

        // when
        DeadLetterStats stats = stats(views, ViewsDriver.QUERIES, MINUTE, MINUTE.plusSeconds(60));

        // then
        assertThat(stats.getWindows()).extracting(DeadLetterWindow::getSourceTopic, DeadLetterWindow::getErrorClass, DeadLetterWindow::getCount)
                .containsExactly(tuple(ViewsDriver.QUERIES, "MissingHeader", 1L));
    }

    @Test
    void shouldAnswerOneSourceTopicOnly(ViewsDriver views) {
        // given
        deadLetter(views, "courier.blog.commands", "UndecodableValue", MINUTE);
        deadLetter(views, "courier.user.commands", "UndecodableValue", MINUTE);

        // when
        DeadLetterStats stats = stats(views, "courier.user.commands", MINUTE, MINUTE.plusSeconds(60));

        // then
        assertThat(stats.getWindows()).extracting(DeadLetterWindow::getSourceTopic).containsExactly("courier.user.commands");
    }

    private static void deadLetter(ViewsDriver views, String sourceTopic, String errorClass, Instant at) {
        Headers headers = CourierHeaders.deadLetter(new RecordHeaders(), errorClass, "what went wrong", sourceTopic, 0, 7);
        views.blogDeadLetters.pipeInput(new TestRecord<>(ViewsDriver.utf8("k"), ViewsDriver.utf8("original"), headers, at));
    }

    private static DeadLetterStats stats(ViewsDriver views, String sourceTopic, Instant from, Instant to) {
        Reply reply = views.ask(sourceTopic, new GetDeadLetterStats(sourceTopic, from, to));
        assertThat(reply.getOutcome()).as("%s", reply).isEqualTo(Outcome.OK);
        return (DeadLetterStats) reply.getView();
    }
}
