package dev.courier.streams.analytics;

import dev.courier.event.RequestServed;
import dev.courier.schemas.topic.AccessRecordKeys;
import dev.courier.streams.internal.Times;
import dev.courier.streams.state.RouteAggregate;
import dev.courier.streams.state.RouteWindowEntry;
import java.nio.ByteBuffer;
import java.time.Instant;
import org.HdrHistogram.AbstractHistogram;

/** Folding access records into a window's aggregate, and reading percentiles out of it. */
final class RouteAggregates {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private RouteAggregates() {
    }

    static RouteAggregate empty() {
        return new RouteAggregate("", "", 0L, 0L, EMPTY, EMPTY, null);
    }

    static RouteAggregate add(RouteAggregate aggregate, RequestServed served) {
        AbstractHistogram latency = LatencyHistograms.decode(aggregate.getLatency());
        AbstractHistogram replyWait = LatencyHistograms.decode(aggregate.getReplyWait());
        LatencyHistograms.record(latency, served.getGatewayMicros());
        LatencyHistograms.record(replyWait, served.getReplyWaitMicros());
        return new RouteAggregate(served.getRoute(), AccessRecordKeys.statusClass(served.getStatus()), aggregate.getRequests() + 1,
                aggregate.getErrors() + (served.getStatus() >= 500 ? 1 : 0),
                LatencyHistograms.encode(latency), LatencyHistograms.encode(replyWait),
                Times.later(aggregate.getLastServedAt(), served.getServedAt()));
    }

    static RouteWindowEntry entry(RouteAggregate aggregate, Instant windowStart, Instant windowEnd) {
        AbstractHistogram latency = LatencyHistograms.decode(aggregate.getLatency());
        AbstractHistogram replyWait = LatencyHistograms.decode(aggregate.getReplyWait());
        return new RouteWindowEntry(aggregate.getRoute(), aggregate.getStatusClass(), windowStart, windowEnd, aggregate.getRequests(),
                aggregate.getErrors(), LatencyHistograms.percentileMillis(latency, 50), LatencyHistograms.percentileMillis(latency, 99),
                LatencyHistograms.maxMillis(latency), LatencyHistograms.percentileMillis(replyWait, 99), aggregate.getLastServedAt());
    }
}
