package dev.courier.lag.metrics;

import dev.courier.lag.collect.LagSnapshot;
import dev.courier.lag.evaluate.Status;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The latest snapshot as Prometheus metrics, built at each scrape so no series outlives its group
 * or member. The lag metrics carry kafka-lag-exporter's names and labels, so its dashboards and
 * alerts work unchanged; Courier's own add each group's status and the dead-letter topics.
 */
public final class LagMetrics implements MultiCollector {

    private static final String[] PARTITION_LABELS = {"cluster_name", "group", "topic", "partition", "member_host", "consumer_id", "client_id"};

    private final String cluster;
    private final Supplier<LagSnapshot> latest;
    private final Clock clock;

    public LagMetrics(String cluster, Supplier<LagSnapshot> latest, Clock clock) {
        this.cluster = cluster;
        this.latest = latest;
        this.clock = clock;
    }

    @Override
    public MetricSnapshots collect() {
        LagSnapshot snapshot = latest.get();
        Gauges gauges = new Gauges();
        Map<String, long[]> logs = new HashMap<>();
        for (LagSnapshot.GroupLag group : snapshot.groups()) {
            Map<String, Long> topicLag = new HashMap<>();
            for (LagSnapshot.PartitionLag partition : group.partitions()) {
                String[] labels = {cluster, group.group(), partition.topic(), Integer.toString(partition.partition()),
                    orEmpty(partition.host()), orEmpty(partition.memberId()), orEmpty(partition.clientId())};
                if (partition.committed() != null) {
                    gauges.add("kafka_consumergroup_group_offset", "Last committed offset of a group on a partition", PARTITION_LABELS, labels, partition.committed());
                    gauges.add("kafka_consumergroup_group_lag", "Lag of a group on a partition, in records", PARTITION_LABELS, labels, partition.lag());
                    topicLag.merge(partition.topic(), partition.lag(), Long::sum);
                }
                if (partition.lagSeconds() != null) {
                    gauges.add("kafka_consumergroup_group_lag_seconds", "Age of the next record a group has to process on a partition",
                            PARTITION_LABELS, labels, partition.lagSeconds());
                }
                logs.put(partition.topic() + "\u0000" + partition.partition(), new long[] {partition.logStart(), partition.logEnd()});
            }
            String[] groupLabels = {cluster, group.group(), "false"};
            String[] groupNames = {"cluster_name", "group", "is_simple_consumer"};
            gauges.add("kafka_consumergroup_group_max_lag", "Largest lag of a group over its partitions, in records", groupNames, groupLabels, group.maxLag());
            gauges.add("kafka_consumergroup_group_max_lag_seconds", "Largest lag of a group over its partitions, in seconds",
                    groupNames, groupLabels, group.maxLagSeconds());
            gauges.add("kafka_consumergroup_group_sum_lag", "Sum of a group's lag over its partitions, in records",
                    new String[] {"cluster_name", "group"}, new String[] {cluster, group.group()}, group.totalLag());
            topicLag.forEach((topic, lag) -> gauges.add("kafka_consumergroup_group_topic_sum_lag", "Sum of a group's lag over a topic's partitions",
                    new String[] {"cluster_name", "group", "topic"}, new String[] {cluster, group.group(), topic}, lag));
            for (Status status : Status.values()) {
                gauges.add("courier_lag_group_status", "1 for a group's current status (OK, WARNING, STALLED, STOPPED, REWOUND), 0 for the others",
                        new String[] {"cluster_name", "group", "status"}, new String[] {cluster, group.group(), status.name()}, status == group.status() ? 1 : 0);
            }
        }
        logs.forEach((key, offsets) -> {
            String[] labels = {cluster, key.substring(0, key.indexOf('\u0000')), key.substring(key.indexOf('\u0000') + 1)};
            String[] names = {"cluster_name", "topic", "partition"};
            gauges.add("kafka_partition_latest_offset", "Log-end offset of a partition", names, labels, offsets[1]);
            gauges.add("kafka_partition_earliest_offset", "Log-start offset of a partition", names, labels, offsets[0]);
        });
        for (LagSnapshot.DeadLetterTopic topic : snapshot.deadLetters()) {
            String[] names = {"cluster_name", "topic"};
            String[] labels = {cluster, topic.topic()};
            gauges.add("courier_dead_letters_depth", "Records held by a dead-letter topic", names, labels, topic.depth());
            gauges.add("courier_dead_letters_per_minute", "Records that arrived on a dead-letter topic in the last minute, per minute", names, labels, topic.perMinute());
        }
        if (snapshot.atMillis() > 0) {
            gauges.add("courier_lag_snapshot_age_seconds", "How old the latest reading of the cluster is; it grows when the monitor cannot read",
                    new String[] {"cluster_name"}, new String[] {cluster}, (clock.millis() - snapshot.atMillis()) / 1000.0);
        }
        return gauges.snapshots();
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Gauges by name, each with its data points, in the order first added. */
    private static final class Gauges {
        private final Map<String, GaugeSnapshot.Builder> byName = new LinkedHashMap<>();

        void add(String name, String help, String[] labelNames, String[] labelValues, double value) {
            byName.computeIfAbsent(name, any -> GaugeSnapshot.builder().name(name).help(help))
                    .dataPoint(GaugeSnapshot.GaugeDataPointSnapshot.builder().labels(Labels.of(labelNames, labelValues)).value(value).build());
        }

        MetricSnapshots snapshots() {
            List<MetricSnapshot> built = new ArrayList<>();
            byName.values().forEach(builder -> built.add(builder.build()));
            return new MetricSnapshots(built);
        }
    }
}
