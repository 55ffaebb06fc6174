package dev.courier.gateway.admission;

import dev.courier.commons.kafka.LogEndHistory;
import dev.courier.commons.process.Periodic;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far behind the consumer groups serving the routes' topics are, per partition, read in the
 * background every interval with three Admin calls (committed offsets, members, log ends) and
 * never on the request path. The lag in seconds is the age of the oldest record not yet processed,
 * from when the log end passed the committed offset.
 */
public final class ConsumerLag implements PartitionLag, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLag.class);
    private static final long TIMEOUT_SECONDS = 5;
    private static final Set<GroupState> ASSIGNING = Set.of(GroupState.PREPARING_REBALANCE, GroupState.COMPLETING_REBALANCE,
            GroupState.ASSIGNING, GroupState.RECONCILING);

    private final Admin admin;
    private volatile Set<Watch> watches;
    private final Clock clock;
    private final LogEndHistory logEnds;
    private final Map<Watch, Map<Integer, State>> states = new ConcurrentHashMap<>();
    private final Map<String, Integer> partitionCounts = new ConcurrentHashMap<>();
    private Periodic reading;

    public ConsumerLag(Admin admin, Set<Watch> watches, Clock clock) {
        this.admin = admin;
        this.watches = Set.copyOf(watches);
        this.clock = clock;
        this.logEnds = new LogEndHistory(Duration.ofHours(1).toMillis());
    }

    public void start(Duration interval) {
        reading = Periodic.start("courier-consumer-lag", interval, this::round,
                failure -> LOG.warn("consumer lag not read; admission keeps the last reading error={}", failure.toString()));
    }

    /**
     * Watches these from the next reading on (the routes were reloaded). A new watch is unknown
     * until it is read, which admission lets through; a watch no longer wanted is forgotten.
     */
    public void watch(Set<Watch> next) {
        watches = Set.copyOf(next);
        states.keySet().retainAll(watches);
    }

    @Override
    public OptionalInt partitions(String topic) {
        Integer count = partitionCounts.get(topic);
        return count == null ? OptionalInt.empty() : OptionalInt.of(count);
    }

    @Override
    public Expectation expect(Watch watch, int partition) {
        Map<Integer, State> partitions = states.get(watch);
        State state = partitions == null ? null : partitions.get(partition);
        if (state == null) {
            return new Unknown();
        }
        long now = clock.millis();
        if (state.unownedSinceMillis() >= 0) {
            return new NoConsumer(Duration.ofMillis(now - state.unownedSinceMillis()));
        }
        return new Behind(Duration.ofMillis(state.oldestUnprocessedMillis() < 0 ? 0 : Math.max(0, now - state.oldestUnprocessedMillis())));
    }

    /** One reading of every watch; runs every interval. */
    void round() throws Exception {
        Set<Watch> watches = this.watches;
        if (watches.isEmpty()) {
            return;
        }
        Set<String> topics = watches.stream().map(Watch::topic).collect(Collectors.toSet());
        if (!partitionCounts.keySet().containsAll(topics)) {
            for (TopicDescription topic : admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).values()) {
                partitionCounts.put(topic.name(), topic.partitions().size());
            }
        }
        Set<String> groups = watches.stream().map(Watch::group).collect(Collectors.toSet());
        Map<String, ListConsumerGroupOffsetsSpec> specs = groups.stream().collect(Collectors.toMap(group -> group, group -> new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = admin.listConsumerGroupOffsets(specs).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, ConsumerGroupDescription> described = admin.describeConsumerGroups(groups).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        topics.forEach(topic -> {
            for (int partition = 0; partition < partitionCounts.getOrDefault(topic, 0); partition++) {
                latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
            }
        });
        long now = clock.millis();
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).forEach((partition, info) -> ends.put(partition, info.offset()));
        ends.forEach((partition, end) -> logEnds.record(partition, now, end));
        for (Watch watch : watches) {
            Set<TopicPartition> owned = new HashSet<>();
            ConsumerGroupDescription group = described.get(watch.group());
            if (group != null) {
                group.members().forEach(member -> owned.addAll(member.assignment().topicPartitions()));
            }
            // Members joining or being assigned: a consumer is on its way, so the grace starts over.
            boolean assigning = group != null && !group.members().isEmpty() && ASSIGNING.contains(group.groupState());
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(watch.group(), Map.of());
            Map<Integer, State> before = states.getOrDefault(watch, Map.of());
            Map<Integer, State> after = new HashMap<>();
            for (int partition = 0; partition < partitionCounts.getOrDefault(watch.topic(), 0); partition++) {
                TopicPartition topicPartition = new TopicPartition(watch.topic(), partition);
                OffsetAndMetadata offset = offsets.get(topicPartition);
                long end = ends.getOrDefault(topicPartition, 0L);
                long position = offset == null ? end : offset.offset();
                // The latest the oldest unprocessed record can have been written: admission must not
                // refuse on an age a quiet spell before it made up (interpolating across the spell did).
                OptionalLong writtenAt = position < end ? logEnds.writtenBy(topicPartition, position) : OptionalLong.empty();
                State previous = before.get(partition);
                long unownedSince = owned.contains(topicPartition) ? -1
                        : !assigning && previous != null && previous.unownedSinceMillis() >= 0 ? previous.unownedSinceMillis() : now;
                after.put(partition, new State(writtenAt.orElse(-1), unownedSince));
            }
            states.put(watch, Map.copyOf(after));
        }
        // A watch dropped by a reload while this round ran must not come back with its old state.
        states.keySet().retainAll(this.watches);
    }

    @Override
    public void close() {
        if (reading != null) {
            reading.close();
        }
    }

    /** One partition: when its oldest unprocessed record was written (-1: none), and since when nobody owns it (-1: owned). */
    private record State(long oldestUnprocessedMillis, long unownedSinceMillis) {
    }
}
