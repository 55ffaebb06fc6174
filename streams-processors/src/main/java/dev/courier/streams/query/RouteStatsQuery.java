package dev.courier.streams.query;

import dev.courier.command.GetRouteStats;
import dev.courier.model.RouteStats;
import dev.courier.model.RouteWindow;
import dev.courier.reply.Reply;
import dev.courier.schemas.command.Replies;
import dev.courier.streams.state.RouteWindowEntry;
import dev.courier.streams.windows.WindowRange;
import org.apache.kafka.streams.state.KeyValueStore;

/** Answers {@link GetRouteStats} from this instance's copy of every route window; its range was checked with its fields (timeRange). */
final class RouteStatsQuery {

    private static final String EVERY_ROUTE = "*";

    private final KeyValueStore<String, RouteWindowEntry> windows;

    RouteStatsQuery(KeyValueStore<String, RouteWindowEntry> windows) {
        this.windows = windows;
    }

    Reply answer(GetRouteStats query) {
        WindowRange.Found<RouteWindow> found = WindowRange.collect(windows, query.getFrom(), query.getTo(),
                entry -> EVERY_ROUTE.equals(query.getRoute()) || entry.getRoute().equals(query.getRoute()),
                entry -> new RouteWindow(entry.getRoute(), entry.getStatusClass(), entry.getWindowStart(), entry.getWindowEnd(),
                        entry.getRequests(), entry.getErrors(), entry.getLatencyP50Millis(), entry.getLatencyP99Millis(),
                        entry.getLatencyMaxMillis(), entry.getReplyWaitP99Millis()),
                RouteWindowEntry::getLastServedAt);
        return Replies.view(new RouteStats(query.getRoute(), query.getFrom(), query.getTo(), found.windows(), found.asOf()));
    }
}
