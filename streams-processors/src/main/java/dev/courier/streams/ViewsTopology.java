package dev.courier.streams;

import dev.courier.schemas.kafka.ReplyTo;
import dev.courier.schemas.topic.Topics;
import dev.courier.streams.analytics.RouteAnalyticsView;
import dev.courier.streams.author.AuthorStatsView;
import dev.courier.streams.deadletters.DeadLetterSummaryView;
import dev.courier.streams.query.QueryAnswers;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;

/** Every view the processors derive, and the answering of their queries, as one topology. */
public final class ViewsTopology {

    /**
     * What the topology reads and writes.
     *
     * @param blogEvents the blog's events topic
     * @param queries the query commands topic
     * @param deadLetters where what cannot be read or answered goes
     * @param accessRecords the gateways' access records
     * @param routeWindows the route analytics' windows, written and read back whole by every instance
     * @param deadLetterSources the dead-letter topics summarized
     * @param deadLetterWindows the dead-letter summary's windows, written and read back whole by every instance
     * @param dedupeWindow how long an event's request id is remembered
     * @param grace how late an access record or a dead letter may be and still count in its window
     * @param retention how long the route and dead-letter windows are kept
     * @param replyToProblems why a reply cannot go to an address, or empty when it can
     */
    public record Settings(String blogEvents, String queries, String deadLetters, String accessRecords, String routeWindows,
                           List<String> deadLetterSources, String deadLetterWindows, Duration dedupeWindow, Duration grace, Duration retention,
                           Function<ReplyTo, Optional<String>> replyToProblems) {
    }

    private ViewsTopology() {
    }

    public static Topology build(StreamsBuilder builder, Settings settings) {
        AuthorStatsView.addTo(builder, Topics.BLOG_EVENTS.named(settings.blogEvents()), settings.dedupeWindow());
        RouteAnalyticsView.addTo(builder, Topics.ACCESS_RECORDS.named(settings.accessRecords()), settings.routeWindows(), settings.grace(),
                settings.retention());
        DeadLetterSummaryView.addTo(builder, settings.deadLetterSources(), settings.deadLetterWindows(), settings.grace(), settings.retention());
        QueryAnswers.addTo(builder, settings.queries(), settings.deadLetters(), settings.replyToProblems(), AuthorStatsView.AUTHOR_STATS,
                RouteAnalyticsView.ROUTE_WINDOWS, DeadLetterSummaryView.DEAD_LETTER_WINDOWS);
        return builder.build();
    }
}
