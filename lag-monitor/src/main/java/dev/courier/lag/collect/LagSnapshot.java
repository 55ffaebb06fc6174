package dev.courier.lag.collect;

import dev.courier.lag.evaluate.Status;
import java.util.List;

/**
 * Everything the monitor knows after one round: every watched group with its partitions, and every
 * dead-letter topic. Immutable; the API, the dashboard and the metrics all read the latest one.
 */
public record LagSnapshot(long atMillis, List<GroupLag> groups, List<DeadLetterTopic> deadLetters) {

    public LagSnapshot {
        groups = List.copyOf(groups);
        deadLetters = List.copyOf(deadLetters);
    }

    /**
     * One group. {@code totalLag}, {@code maxLag} and {@code maxLagSeconds} are over its partitions with
     * a commit.
     */
    public record GroupLag(String group, String state, int members, Status status, String reason, long totalLag, long maxLag,
                           double maxLagSeconds, List<PartitionLag> partitions) {
        public GroupLag {
            partitions = List.copyOf(partitions);
        }
    }

    /**
     * One partition of a group. {@code committed} and {@code lag} are null before the group's first
     * commit, as {@code kafka-consumer-groups} shows "-". {@code lagSeconds} is the age of the next
     * record to process ({@code record}), or estimated from when the log end passed the committed
     * offset ({@code interpolated}, where that record cannot be read); 0 when there is no lag.
     */
    public record PartitionLag(String topic, int partition, Long committed, long logStart, long logEnd, Long lag, Double lagSeconds,
                               String lagSecondsFrom, String memberId, String clientId, String host, Status status, String reason,
                               List<String> notes) {
        public PartitionLag {
            notes = List.copyOf(notes);
        }
    }

    /** A dead-letter topic: how many records it holds, how fast they come, and the latest ones. */
    public record DeadLetterTopic(String topic, long depth, double perMinute, List<DeadLetter> latest) {
        public DeadLetterTopic {
            latest = List.copyOf(latest);
        }
    }

    /** One dead letter, as its headers describe it. */
    public record DeadLetter(long timestampMillis, int partition, long offset, String errorClass, String message, String sourceTopic) {
    }
}
