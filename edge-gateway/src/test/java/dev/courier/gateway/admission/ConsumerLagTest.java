package dev.courier.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ConsumerLagTest {

    private static final String TOPIC = "courier.blog.commands";
    private static final String GROUP = "courier.blog-service";
    private static final PartitionLag.Watch WATCH = new PartitionLag.Watch(TOPIC, GROUP);
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);

    private final Node broker = new Node(0, "127.0.0.1", 9092);
    /** The group as the broker describes it; MockAdminClient cannot describe groups itself. */
    private ConsumerGroupDescription group = group(GroupState.STABLE, Set.of(P0, P1));
    private final MockAdminClient admin = new MockAdminClient(List.of(broker), broker) {
        @Override
        public synchronized ListConsumerGroupOffsetsResult listConsumerGroupOffsets(Map<String, ListConsumerGroupOffsetsSpec> specs,
                                                                                    ListConsumerGroupOffsetsOptions options) {
            // MockAdminClient fails on a spec that asks for every partition (null); an empty list means the same to it.
            return super.listConsumerGroupOffsets(specs.keySet().stream().collect(Collectors.toMap(name -> name,
                    name -> new ListConsumerGroupOffsetsSpec().topicPartitions(List.of()))), options);
        }

        @Override
        public synchronized DescribeConsumerGroupsResult describeConsumerGroups(Collection<String> groupIds,
                                                                                DescribeConsumerGroupsOptions options) {
            return new DescribeConsumerGroupsResult(Map.of(GROUP, KafkaFuture.completedFuture(group)));
        }
    };
    private final MutableClock clock = new MutableClock();
    private final ConsumerLag lag = new ConsumerLag(admin, Set.of(WATCH), clock);

    @BeforeEach
    void topic() {
        admin.addTopic(false, TOPIC, IntStream.range(0, 2)
                .mapToObj(partition -> new TopicPartitionInfo(partition, broker, List.of(broker), List.of(broker))).toList(), Map.of());
    }

    @AfterEach
    void close() {
        lag.close();
        admin.close();
    }

    @Test
    void shouldKnowNothingBeforeTheFirstReading() {
        assertThat(lag.partitions(TOPIC)).isEmpty();
        assertThat(lag.expect(WATCH, 0)).isEqualTo(new PartitionLag.Unknown());
    }

    @Test
    void shouldLearnThePartitionCountOfAWatchedTopic() throws Exception {
        read(Map.of(P0, 0L, P1, 0L), Map.of());

        assertThat(lag.partitions(TOPIC)).isEqualTo(OptionalInt.of(2));
        assertThat(lag.partitions("other.topic")).isEmpty();
    }

    @Test
    void shouldSeeACaughtUpGroupAsNotBehind() throws Exception {
        read(Map.of(P0, 5L, P1, 7L), Map.of(P0, 5L, P1, 7L));
        clock.advance(Duration.ofMinutes(1));

        assertThat(lag.expect(WATCH, 0)).isEqualTo(new PartitionLag.Behind(Duration.ZERO));
        assertThat(lag.expect(WATCH, 1)).isEqualTo(new PartitionLag.Behind(Duration.ZERO));
    }

    @Test
    void shouldAgeTheOldestUnprocessedRecordFromTheFirstReadingThatSawItWritten() throws Exception {
        read(Map.of(P0, 5L, P1, 0L), Map.of(P0, 5L));
        clock.advance(Duration.ofSeconds(10));
        read(Map.of(P0, 15L, P1, 0L), Map.of(P0, 10L));
        clock.advance(Duration.ofSeconds(2));

        // Offset 10 was written after the log end was 5 (at 0 s) and by the time it was 15 (at 10 s):
        // admission counts it 2 s old at 12 s, never older than it can be, however quiet the 10 s were.
        assertThat(lag.expect(WATCH, 0)).isEqualTo(new PartitionLag.Behind(Duration.ofSeconds(2)));
    }

    @Test
    void shouldCountAPartitionWithoutACommittedOffsetAsCaughtUp() throws Exception {
        read(Map.of(P0, 3L, P1, 3L), Map.of());
        clock.advance(Duration.ofSeconds(30));
        read(Map.of(P0, 3L, P1, 3L), Map.of());

        assertThat(lag.expect(WATCH, 1)).isEqualTo(new PartitionLag.Behind(Duration.ZERO));
    }

    @Test
    void shouldMeasureHowLongAPartitionHasGoneWithoutAConsumer() throws Exception {
        group = group(GroupState.STABLE, Set.of(P0));
        read(Map.of(P0, 0L, P1, 0L), Map.of());
        clock.advance(Duration.ofSeconds(4));
        read(Map.of(P0, 0L, P1, 0L), Map.of());
        clock.advance(Duration.ofSeconds(1));

        assertThat(lag.expect(WATCH, 1)).isEqualTo(new PartitionLag.NoConsumer(Duration.ofSeconds(5)));
        assertThat(lag.expect(WATCH, 0)).isEqualTo(new PartitionLag.Behind(Duration.ZERO));
    }

    @Test
    void shouldRestartTheGraceWhileMembersAreBeingAssigned() throws Exception {
        group = group(GroupState.STABLE, Set.of());
        read(Map.of(P0, 0L, P1, 0L), Map.of());
        clock.advance(Duration.ofSeconds(4));
        group = group(GroupState.PREPARING_REBALANCE, Set.of());
        read(Map.of(P0, 0L, P1, 0L), Map.of());
        clock.advance(Duration.ofSeconds(1));

        assertThat(lag.expect(WATCH, 0)).isEqualTo(new PartitionLag.NoConsumer(Duration.ofSeconds(1)));
    }

    @Test
    void shouldNotRestartTheGraceForAGroupWithNoMembersLeft() throws Exception {
        group = empty(GroupState.STABLE);
        read(Map.of(P0, 0L, P1, 0L), Map.of());
        clock.advance(Duration.ofSeconds(4));
        group = empty(GroupState.PREPARING_REBALANCE);
        read(Map.of(P0, 0L, P1, 0L), Map.of());
        clock.advance(Duration.ofSeconds(1));

        assertThat(lag.expect(WATCH, 0)).isEqualTo(new PartitionLag.NoConsumer(Duration.ofSeconds(5)));
    }

    @Test
    void shouldForgetTheUnownedTimeOnceAConsumerIsBack() throws Exception {
        group = empty(GroupState.EMPTY);
        read(Map.of(P0, 0L, P1, 0L), Map.of());
        clock.advance(Duration.ofSeconds(10));
        group = group(GroupState.STABLE, Set.of(P0, P1));
        read(Map.of(P0, 0L, P1, 0L), Map.of());

        assertThat(lag.expect(WATCH, 0)).isEqualTo(new PartitionLag.Behind(Duration.ZERO));
    }

    private void read(Map<TopicPartition, Long> ends, Map<TopicPartition, Long> committed) throws Exception {
        admin.updateEndOffsets(ends);
        admin.updateConsumerGroupOffsets(committed);
        lag.round();
    }

    private ConsumerGroupDescription group(GroupState state, Set<TopicPartition> owned) {
        MemberDescription member = new MemberDescription("member-1", Optional.empty(), Optional.empty(), "client-1", "/127.0.0.1",
                new MemberAssignment(owned), Optional.empty(), Optional.empty(), Optional.empty());
        return new ConsumerGroupDescription(GROUP, false, List.of(member), "range", GroupType.CLASSIC, state, broker, Set.of(),
                Optional.empty(), Optional.empty());
    }

    private ConsumerGroupDescription empty(GroupState state) {
        return new ConsumerGroupDescription(GROUP, false, List.of(), "", GroupType.CLASSIC, state, broker, Set.of(),
                Optional.empty(), Optional.empty());
    }

    /** A clock the test moves by hand. */
    private static final class MutableClock extends Clock {

        private Instant now = Instant.parse("2026-03-01T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
