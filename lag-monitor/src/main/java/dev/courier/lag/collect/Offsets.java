package dev.courier.lag.collect;

import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;

/**
 * One reading of the cluster's offsets: for each watched group, its state, members and committed
 * offsets; for each partition involved, its log-start and log-end offsets. Read through the Admin
 * API the way {@code kafka-consumer-groups --describe} reads it.
 */
public record Offsets(long readAtMillis, Map<String, Group> groups, Map<TopicPartition, Log> logs) {

    public Offsets {
        groups = Map.copyOf(groups);
        logs = Map.copyOf(logs);
    }

    /** A group as the coordinator describes it. */
    public record Group(String name, String state, Map<TopicPartition, Member> owners, int members,
                        Map<TopicPartition, Long> committed) {
        public Group {
            owners = Map.copyOf(owners);
            committed = Map.copyOf(committed);
        }

        public Optional<Member> owner(TopicPartition partition) {
            return Optional.ofNullable(owners.get(partition));
        }
    }

    /** The member a partition is assigned to. */
    public record Member(String memberId, String clientId, String host) {
    }

    /** Where a partition's log starts and ends. */
    public record Log(long start, long end) {
    }
}
