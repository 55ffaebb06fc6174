package dev.courier.streams.query;

import dev.courier.command.GetRouteStats;
import dev.courier.model.RouteStats;
import dev.courier.model.RouteWindow;
import dev.courier.reply.Reply;
import dev.courier.schemas.command.Replies;
import dev.courier.schemas.validation.Violation;
import dev.courier.streams.analytics.RouteWindowKeys;
import dev.courier.streams.state.RouteWindowEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** Answers {@link GetRouteStats} from this instance's copy of every route window. */
final class RouteStatsQuery {

    /** The longest range one query may ask for: 1,440 windows per route and status class. */
    static final Duration MAX_RANGE = Duration.ofDays(1);
    private static final String EVERY_ROUTE = "*";

    private final KeyValueStore<String, RouteWindowEntry> windows;

    RouteStatsQuery(KeyValueStore<String, RouteWindowEntry> windows) {
        this.windows = windows;
    }

    Reply answer(GetRouteStats query) {
        Instant from = query.getFrom();
        Instant to = query.getTo();
        if (!to.isAfter(from)) {
            return Replies.rejected(List.of(new Violation("to", Violation.TOO_SMALL, "must be after from")));
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            return Replies.rejected(List.of(new Violation("to", Violation.TOO_LARGE, "must be at most one day after from")));
        }
        List<RouteWindow> found = new ArrayList<>();
        Instant asOf = null;
        try (KeyValueIterator<String, RouteWindowEntry> range = windows.range(RouteWindowKeys.from(from.toEpochMilli()),
                RouteWindowKeys.from(to.toEpochMilli()))) {
            while (range.hasNext()) {
                RouteWindowEntry entry = range.next().value;
                if (!entry.getWindowStart().isBefore(to) || !(EVERY_ROUTE.equals(query.getRoute()) || entry.getRoute().equals(query.getRoute()))) {
                    continue;
                }
                found.add(new RouteWindow(entry.getRoute(), entry.getStatusClass(), entry.getWindowStart(), entry.getWindowEnd(),
                        entry.getRequests(), entry.getErrors(), entry.getLatencyP50Millis(), entry.getLatencyP99Millis(),
                        entry.getLatencyMaxMillis(), entry.getReplyWaitP99Millis()));
                if (entry.getLastServedAt() != null && (asOf == null || entry.getLastServedAt().isAfter(asOf))) {
                    asOf = entry.getLastServedAt();
                }
            }
        }
        return Replies.view(new RouteStats(query.getRoute(), from, to, found, asOf));
    }
}
