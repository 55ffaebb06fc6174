package dev.courier.streams.analytics;

import dev.courier.event.RequestServed;
import dev.courier.schemas.topic.Topic;
import dev.courier.streams.internal.StateSerdes;
import dev.courier.streams.state.RouteAggregate;
import dev.courier.streams.state.RouteWindowEntry;
import dev.courier.streams.windows.WindowEntriesStore;
import dev.courier.streams.windows.WindowKeys;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.WindowStore;

/**
 * The route analytics: the gateways' access records, keyed by route and status class, summed per
 * one-minute window of the time they were served (late ones accepted within the grace period),
 * each window's percentiles taken from its merged histograms and written to the route-windows
 * topic, which every instance reads whole into {@value #ROUTE_WINDOWS}: a query for any route or
 * for all of them is answered by whichever instance receives it.
 */
public final class RouteAnalyticsView {

    /** Every instance's copy of the route windows. */
    public static final String ROUTE_WINDOWS = "route-windows";
    /** The windowed aggregates. */
    private static final String ROUTE_AGGREGATES = "route-aggregates";

    private RouteAnalyticsView() {
    }

    /**
     * @param windowsTopic the topic the windows are written to and read back from (compacted)
     * @param grace how late an access record may be and still count
     * @param retention how long windows are kept
     */
    public static void addTo(StreamsBuilder builder, Topic<String, RequestServed> accessRecords, String windowsTopic, Duration grace,
                             Duration retention) {
        builder.stream(accessRecords.name(), Consumed.with(accessRecords.keySerde(), accessRecords.valueSerde())
                        // Windows follow when requests were served; a record with no value has no time and is skipped.
                        .withTimestampExtractor((record, partitionTime) -> record.value() instanceof RequestServed served
                                ? served.getServedAt().toEpochMilli() : partitionTime)
                        .withName("access-records"))
                .groupByKey(Grouped.with(Serdes.String(), accessRecords.valueSerde()))
                .windowedBy(TimeWindows.ofSizeAndGrace(WindowEntriesStore.WINDOW, grace))
                .aggregate(RouteAggregates::empty, (key, served, aggregate) -> RouteAggregates.add(aggregate, served),
                        Materialized.<String, RouteAggregate, WindowStore<Bytes, byte[]>>as(ROUTE_AGGREGATES)
                                .withKeySerde(Serdes.String()).withValueSerde(StateSerdes.routeAggregates())
                                .withRetention(WindowEntriesStore.WINDOW.plus(grace)))
                .toStream()
                .map((window, aggregate) -> {
                    RouteWindowEntry entry = RouteAggregates.entry(aggregate, window.window().startTime(), window.window().endTime());
                    return KeyValue.pair(WindowKeys.of(entry.getWindowStart(), entry.getRoute(), entry.getStatusClass()), entry);
                })
                .to(windowsTopic, Produced.with(Serdes.String(), StateSerdes.routeWindows()).withName("route-windows-out"));
        WindowEntriesStore.addTo(builder, ROUTE_WINDOWS, windowsTopic, StateSerdes.routeWindows(), retention, RouteWindowEntry::getWindowStart);
    }
}
