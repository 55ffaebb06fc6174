package dev.courier.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import dev.courier.command.GetRouteStats;
import dev.courier.model.RouteStats;
import dev.courier.model.RouteWindow;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.streams.testing.ViewsDriver;
import dev.courier.streams.testing.ViewsDriverExtension;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The route analytics: access records from every gateway, one-minute windows, merged percentiles, range queries. */
@ExtendWith(ViewsDriverExtension.class)
class RouteAnalyticsTopologyTest {

    private static final Instant MINUTE = Instant.parse("2026-11-30T12:00:00Z");

    @Test
    void shouldTakePercentilesFromTheMergedHistogramsOfEveryGateway(ViewsDriver views) {
        // given one gateway fast, the other slow, in the same minute
        for (int i = 0; i < 50; i++) {
            views.served("get-post", 200, 10_000, "gw-fast", MINUTE.plusMillis(i));
            views.served("get-post", 200, 100_000, "gw-slow", MINUTE.plusMillis(100 + i));
        }

        // when
        RouteWindow window = stats(views, "get-post", MINUTE, MINUTE.plusSeconds(60)).getWindows().get(0);

        // then the median is the fast half's, not an average of each gateway's percentiles
        assertThat(window.getRequests()).isEqualTo(100);
        assertThat(window.getLatencyP50Millis()).isCloseTo(10.0, within(0.2));
        assertThat(window.getLatencyP99Millis()).isCloseTo(100.0, within(2.0));
        assertThat(window.getLatencyMaxMillis()).isCloseTo(100.0, within(2.0));
        assertThat(window.getReplyWaitP99Millis()).isCloseTo(50.0, within(1.0));
        assertThat(window.getWindowStart()).isEqualTo(MINUTE);
        assertThat(window.getWindowEnd()).isEqualTo(MINUTE.plusSeconds(60));
    }

    @Test
    void shouldKeepEachStatusClassApartAndCountServerErrors(ViewsDriver views) {
        // given
        views.served("create-post", 201, 5_000, "gw-1", MINUTE);
        views.served("create-post", 503, 1_000, "gw-1", MINUTE.plusSeconds(1));
        views.served("create-post", 504, 5_000_000, "gw-2", MINUTE.plusSeconds(2));

        // when
        RouteStats stats = stats(views, "create-post", MINUTE, MINUTE.plusSeconds(60));

        // then
        assertThat(stats.getWindows()).extracting(RouteWindow::getStatusClass, RouteWindow::getRequests, RouteWindow::getErrors)
                .containsExactly(tuple("2xx", 1L, 0L), tuple("5xx", 2L, 2L));
        assertThat(stats.getAsOf()).isEqualTo(MINUTE.plusSeconds(2));
    }

    @Test
    void shouldAnswerEveryRouteOrOneRouteForTheWindowsThatStartInTheRange(ViewsDriver views) {
        // given two routes over three minutes
        for (int minute = 0; minute < 3; minute++) {
            views.served("get-post", 200, 1_000, "gw-1", MINUTE.plusSeconds(60L * minute));
            views.served("create-post", 201, 1_000, "gw-1", MINUTE.plusSeconds(60L * minute + 1));
        }

        // when
        RouteStats every = stats(views, "*", MINUTE.plusSeconds(60), MINUTE.plusSeconds(180));
        RouteStats one = stats(views, "get-post", MINUTE, MINUTE.plusSeconds(180));

        // then
        assertThat(every.getWindows()).extracting(RouteWindow::getRoute, RouteWindow::getWindowStart).containsExactly(
                tuple("create-post", MINUTE.plusSeconds(60)),
                tuple("get-post", MINUTE.plusSeconds(60)),
                tuple("create-post", MINUTE.plusSeconds(120)),
                tuple("get-post", MINUTE.plusSeconds(120)));
        assertThat(one.getWindows()).extracting(RouteWindow::getRoute).containsOnly("get-post").hasSize(3);
    }

    @Test
    void shouldCountALateRecordWithinTheGracePeriodAndDropOneAfterIt(ViewsDriver views) {
        // given the minute closed, and stream time moved on
        views.served("get-post", 200, 1_000, "gw-1", MINUTE);
        views.served("get-post", 200, 1_000, "gw-1", MINUTE.plusSeconds(60 + 20));

        // when a record of the first minute arrives within the grace period, then one after it
        views.served("get-post", 200, 1_000, "gw-2", MINUTE.plusSeconds(59));
        views.served("get-post", 200, 1_000, "gw-1", MINUTE.plusSeconds(60).plus(ViewsDriver.GRACE).plusSeconds(1));
        views.served("get-post", 200, 1_000, "gw-2", MINUTE.plusSeconds(58));

        // then
        assertThat(stats(views, "get-post", MINUTE, MINUTE.plusSeconds(60)).getWindows().get(0).getRequests()).isEqualTo(2);
    }

    @Test
    void shouldAnswerAnEmptyRangeWithNoWindowsAndNoTime(ViewsDriver views) {
        // when
        RouteStats stats = stats(views, "*", MINUTE, MINUTE.plusSeconds(600));

        // then
        assertThat(stats.getWindows()).isEmpty();
        assertThat(stats.getAsOf()).isNull();
    }

    @Test
    void shouldRejectARangeThatEndsBeforeItStartsOrSpansMoreThanADay(ViewsDriver views) {
        // when
        Reply backwards = views.ask("*", new GetRouteStats("*", MINUTE, MINUTE));
        Reply tooLong = views.ask("*", new GetRouteStats("*", MINUTE, MINUTE.plusSeconds(86_401)));

        // then
        assertThat(backwards.getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(backwards.getProblem().getFieldErrors()).singleElement().satisfies(error -> assertThat(error.getField()).isEqualTo("to"));
        assertThat(tooLong.getOutcome()).isEqualTo(Outcome.REJECTED);
    }

    private static RouteStats stats(ViewsDriver views, String route, Instant from, Instant to) {
        Reply reply = views.ask(route, new GetRouteStats(route, from, to));
        assertThat(reply.getOutcome()).as("%s", reply).isEqualTo(Outcome.OK);
        return (RouteStats) reply.getView();
    }
}
