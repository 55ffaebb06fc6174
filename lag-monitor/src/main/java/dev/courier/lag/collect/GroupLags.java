package dev.courier.lag.collect;

import dev.courier.commons.kafka.LogEndHistory;
import dev.courier.lag.evaluate.Status;
import dev.courier.lag.evaluate.StatusEvaluator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns one round's offsets and record readings into each group's lag, in records as
 * {@code kafka-consumer-groups} counts it (log end minus committed offset) and in seconds, with a
 * status per partition and per group, and notes for the cases tools often get wrong.
 */
public final class GroupLags {

    private final StatusEvaluator evaluator;

    public GroupLags(StatusEvaluator evaluator) {
        this.evaluator = evaluator;
    }

    public List<LagSnapshot.GroupLag> of(Offsets offsets, Map<TopicPartition, RecordTimestamps.Reading> readings, LogEndHistory history) {
        List<LagSnapshot.GroupLag> groups = new ArrayList<>();
        Set<StatusEvaluator.Key> watched = new HashSet<>();
        for (Offsets.Group group : offsets.groups().values()) {
            Set<TopicPartition> partitions = new HashSet<>(group.committed().keySet());
            partitions.addAll(group.owners().keySet());
            List<LagSnapshot.PartitionLag> lags = new ArrayList<>();
            for (TopicPartition partition : partitions) {
                Offsets.Log log = offsets.logs().get(partition);
                if (log == null) {
                    continue;
                }
                watched.add(new StatusEvaluator.Key(group.name(), partition.topic(), partition.partition()));
                lags.add(partition(group, partition, log, readings.get(partition), history, offsets.readAtMillis()));
            }
            lags.sort(Comparator.comparing(LagSnapshot.PartitionLag::topic).thenComparing(LagSnapshot.PartitionLag::partition));
            groups.add(group(group, lags));
        }
        evaluator.retain(watched);
        groups.sort(Comparator.comparing(LagSnapshot.GroupLag::group));
        return groups;
    }

    private LagSnapshot.PartitionLag partition(Offsets.Group group, TopicPartition partition, Offsets.Log log,
                                               RecordTimestamps.Reading reading, LogEndHistory history, long now) {
        Long committed = group.committed().get(partition);
        Long lag = committed == null ? null : log.end() - committed;
        List<String> notes = new ArrayList<>();
        Optional<Offsets.Member> owner = group.owner(partition);
        if (committed == null) {
            notes.add("no offset committed yet");
        } else if (committed < log.start()) {
            notes.add("committed offset " + committed + " is below the log start " + log.start() + ": records were deleted by retention before they were processed");
        }
        if (owner.isEmpty()) {
            notes.add(group.members() == 0 ? "the group has no members" : "no member is assigned this partition");
        }
        boolean onlyMarkers = reading instanceof RecordTimestamps.OnlyMarkers && lag != null && lag > 0;
        if (onlyMarkers) {
            notes.add("the " + lag + " offset(s) left are transaction markers or aborted records, not work");
        }
        Double lagSeconds = null;
        String from = "none";
        if (lag != null && (lag == 0 || onlyMarkers)) {
            lagSeconds = 0.0;
            from = "caught-up";
        } else if (reading instanceof RecordTimestamps.Written written) {
            lagSeconds = Math.max(0, now - written.millis()) / 1000.0;
            from = "record";
        } else if (committed != null) {
            OptionalLong writtenAt = history.writtenAt(partition, committed);
            if (writtenAt.isPresent()) {
                lagSeconds = Math.max(0, now - writtenAt.getAsLong()) / 1000.0;
                from = "interpolated";
            }
        }
        StatusEvaluator.Verdict verdict = evaluator.observe(group.name(), partition.topic(), partition.partition(),
                new StatusEvaluator.Observation(now, committed, lag, owner.isPresent(), onlyMarkers));
        return new LagSnapshot.PartitionLag(partition.topic(), partition.partition(), committed, log.start(), log.end(), lag, lagSeconds, from,
                owner.map(Offsets.Member::memberId).orElse(null), owner.map(Offsets.Member::clientId).orElse(null),
                owner.map(Offsets.Member::host).orElse(null), verdict.status(), verdict.reason(), notes);
    }

    private static LagSnapshot.GroupLag group(Offsets.Group group, List<LagSnapshot.PartitionLag> partitions) {
        long total = 0;
        long max = 0;
        double maxSeconds = 0;
        LagSnapshot.PartitionLag worst = null;
        for (LagSnapshot.PartitionLag partition : partitions) {
            if (partition.lag() != null) {
                total += partition.lag();
                max = Math.max(max, partition.lag());
            }
            if (partition.lagSeconds() != null) {
                maxSeconds = Math.max(maxSeconds, partition.lagSeconds());
            }
            if (worst == null || partition.status().compareTo(worst.status()) > 0) {
                worst = partition;
            }
        }
        Status status = worst == null ? Status.OK : worst.status();
        String reason = worst == null ? "no partitions" : status == Status.OK ? (total == 0 ? "caught up" : "consuming, " + total + " records behind")
                : worst.topic() + "-" + worst.partition() + ": " + worst.reason();
        return new LagSnapshot.GroupLag(group.name(), group.state(), group.members(), status, reason, total, max, maxSeconds, partitions);
    }
}
