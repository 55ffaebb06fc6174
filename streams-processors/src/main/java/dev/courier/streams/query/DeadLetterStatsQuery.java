package dev.courier.streams.query;

import dev.courier.command.GetDeadLetterStats;
import dev.courier.model.DeadLetterStats;
import dev.courier.model.DeadLetterWindow;
import dev.courier.reply.Reply;
import dev.courier.schemas.command.Replies;
import dev.courier.streams.state.DeadLetterWindowEntry;
import dev.courier.streams.windows.WindowRange;
import org.apache.kafka.streams.state.KeyValueStore;

/** Answers {@link GetDeadLetterStats} from this instance's copy of every dead-letter window; its range was checked with its fields (timeRange). */
final class DeadLetterStatsQuery {

    private static final String EVERY_TOPIC = "*";

    private final KeyValueStore<String, DeadLetterWindowEntry> windows;

    DeadLetterStatsQuery(KeyValueStore<String, DeadLetterWindowEntry> windows) {
        this.windows = windows;
    }

    Reply answer(GetDeadLetterStats query) {
        WindowRange.Found<DeadLetterWindow> found = WindowRange.collect(windows, query.getFrom(), query.getTo(),
                entry -> EVERY_TOPIC.equals(query.getSourceTopic()) || entry.getSourceTopic().equals(query.getSourceTopic()),
                entry -> new DeadLetterWindow(entry.getSourceTopic(), entry.getErrorClass(), entry.getWindowStart(), entry.getWindowEnd(),
                        entry.getCount()),
                DeadLetterWindowEntry::getLastAt);
        return Replies.view(new DeadLetterStats(query.getSourceTopic(), query.getFrom(), query.getTo(), found.windows(), found.asOf()));
    }
}
