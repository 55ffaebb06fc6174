package dev.courier.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.store.ArrivedReply;
import dev.courier.gateway.store.Claim;
import dev.courier.gateway.store.ClaimRequest;
import dev.courier.gateway.store.ReplyToRecord;
import dev.courier.gateway.store.RequestRecord;
import dev.courier.gateway.store.RequestStore;
import dev.courier.schemas.kafka.CourierHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.MockAdminClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrphanReplySweeperTest {

    private static final String TOPIC = "courier.replies";
    private static final String GROUP = "courier.gateway.replies";
    private static final Duration TTL = Duration.ofMinutes(30);
    private static final TopicPartition OWN = new TopicPartition(TOPIC, 0);
    private static final TopicPartition ORPHAN = new TopicPartition(TOPIC, 1);
    private static final TopicPartition OTHER = new TopicPartition(TOPIC, 2);

    private final Node broker = new Node(0, "127.0.0.1", 9092);
    private final MockAdminClient admin = new MockAdminClient(List.of(broker), broker) {
        @Override
        public synchronized ListConsumerGroupOffsetsResult listConsumerGroupOffsets(Map<String, ListConsumerGroupOffsetsSpec> specs,
                                                                                    ListConsumerGroupOffsetsOptions options) {
            // MockAdminClient fails on a spec that asks for every partition (null); an empty list means the same to it.
            Map<String, ListConsumerGroupOffsetsSpec> everyPartition = new HashMap<>();
            specs.forEach((group, spec) -> everyPartition.put(group,
                    spec.topicPartitions() == null ? new ListConsumerGroupOffsetsSpec().topicPartitions(List.of()) : spec));
            return super.listConsumerGroupOffsets(everyPartition, options);
        }
    };
    /** The reply group's offsets as the broker keeps them. */
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    /** MockConsumer forgets its commits when assigned; a real one starts where the group committed. */
    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized void assign(Collection<TopicPartition> partitions) {
            super.assign(partitions);
            partitions.stream().filter(committed::containsKey).forEach(partition -> seek(partition, committed.get(partition)));
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            super.commitSync(offsets);
            committed.putAll(offsets);
        }
    };
    private final InMemoryLeases leases = new InMemoryLeases();
    private final AtomicLong now = new AtomicLong();
    private final ReplyPartitionLease own = new ReplyPartitionLease(leases, TOPIC, 3, "gw-1", TTL, now::get);
    private final ReplyMetrics metrics = new ReplyMetrics();
    private final List<ArrivedReply> stored = new ArrayList<>();
    private final List<String> holdersWhileStoring = new ArrayList<>();
    private Duration storeTakes = Duration.ZERO;
    private final OrphanReplySweeper sweeper = new OrphanReplySweeper(admin, consumer, own, GROUP, new RecordingStore(), metrics);

    @BeforeEach
    void topic() {
        admin.addTopic(false, TOPIC, IntStream.range(0, 3)
                .mapToObj(partition -> new TopicPartitionInfo(partition, broker, List.of(broker), List.of(broker))).toList(), Map.of());
        admin.updateEndOffsets(Map.of(OWN, 0L, ORPHAN, 0L, OTHER, 0L));
        consumer.updateBeginningOffsets(Map.of(OWN, 0L, ORPHAN, 0L, OTHER, 0L));
        assertThat(own.acquire()).isEqualTo(0);
    }

    @AfterEach
    void close() {
        sweeper.close();
        own.close();
        admin.close();
    }

    @Test
    void shouldRecordTheRepliesOfAPartitionNobodyHoldsFromTheCommittedOffsetToTheEnd() throws Exception {
        behind(ORPHAN, 1, 3);
        onFirstPoll(() -> addReplies(ORPHAN, 0, 3));

        sweeper.sweep();

        assertThat(stored).extracting(ArrivedReply::requestId).containsExactly("req-1-1", "req-1-2");
        assertThat(holdersWhileStoring).containsOnly("gw-1:sweep");
        assertThat(committed).containsEntry(ORPHAN, new OffsetAndMetadata(3));
        assertThat(metrics.sweptReplies()).isEqualTo(2);
        assertThat(leases.holders).as("the lease is let go").doesNotContainKey(1);
        assertThat(consumer.assignment()).isEmpty();
    }

    @Test
    void shouldLeaveAPartitionAloneWhoseOwnerStillHoldsItsLease() throws Exception {
        behind(ORPHAN, 1, 3);
        leases.holders.put(1, "gw-2");
        onFirstPoll(() -> addReplies(ORPHAN, 0, 3));

        sweeper.sweep();

        assertThat(stored).isEmpty();
        assertThat(leases.holders).containsEntry(1, "gw-2");
        assertThat(metrics.sweptReplies()).isZero();
    }

    @Test
    void shouldNeverSweepItsOwnPartition() throws Exception {
        behind(OWN, 0, 2);

        sweeper.sweep();

        assertThat(stored).isEmpty();
        assertThat(leases.holders).containsEntry(0, "gw-1");
        assertThat(consumer.assignment()).isEmpty();
    }

    @Test
    void shouldSkipPartitionsThatAreCaughtUp() throws Exception {
        admin.updateEndOffsets(Map.of(OWN, 0L, ORPHAN, 4L, OTHER, 0L));
        admin.updateConsumerGroupOffsets(Map.of(ORPHAN, 4L));

        sweeper.sweep();

        assertThat(stored).isEmpty();
        assertThat(leases.holders).containsOnlyKeys(0);
    }

    @Test
    void shouldSkipButCommitPastARecordWithoutARequestId() throws Exception {
        behind(ORPHAN, 0, 2);
        onFirstPoll(() -> {
            consumer.addRecord(new ConsumerRecord<>(TOPIC, 1, 0, 0L, TimestampType.CREATE_TIME, 0, 1, null, new byte[] {1},
                    new RecordHeaders(), Optional.empty()));
            addReplies(ORPHAN, 1, 2);
        });

        sweeper.sweep();

        assertThat(stored).extracting(ArrivedReply::requestId).containsExactly("req-1-1");
        assertThat(metrics.undecodableReplies()).isEqualTo(1);
        assertThat(committed).containsEntry(ORPHAN, new OffsetAndMetadata(2));
    }

    @Test
    void shouldStopReadingAtHalfTheTtlSoItsLeaseCannotRunOutMidway() throws Exception {
        behind(ORPHAN, 0, 10);
        onFirstPoll(() -> addReplies(ORPHAN, 0, 3));
        // The store is slow: by the time the first batch is recorded, half the TTL has gone by.
        storeTakes = TTL.dividedBy(2);

        sweeper.sweep();

        assertThat(stored).hasSize(3);
        assertThat(committed).containsEntry(ORPHAN, new OffsetAndMetadata(3));
        assertThat(leases.holders).doesNotContainKey(1);
        assertThat(consumer.assignment()).as("what is left waits for the next sweep").isEmpty();
    }

    /** Keeps what the sweeper records, noting who held the lease meanwhile; recording takes {@code storeTakes}. */
    private final class RecordingStore implements RequestStore {
        @Override
        public CompletionStage<Void> record(List<ReplyToRecord> replies) {
            replies.forEach(reply -> stored.add(reply.reply()));
            holdersWhileStoring.add(leases.holders.get(1));
            now.addAndGet(storeTakes.toNanos());
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<List<Claim>> claimAll(List<ClaimRequest> requests) {
            throw new UnsupportedOperationException("the sweeper only records replies");
        }

        @Override
        public CompletionStage<Optional<RequestRecord>> find(String requestId) {
            throw new UnsupportedOperationException("the sweeper only records replies");
        }
    }

    /** The partition's log ends at {@code end}; the reply group committed {@code committed} on the broker and in the consumer. */
    private void behind(TopicPartition partition, long committed, long end) {
        admin.updateEndOffsets(Map.of(partition, end));
        admin.updateConsumerGroupOffsets(Map.of(partition, committed));
        this.committed.put(partition, new OffsetAndMetadata(committed));
    }

    /** Records can be added only once the sweeper has assigned their partition. */
    private void onFirstPoll(Runnable task) {
        consumer.schedulePollTask(task);
    }

    private void addReplies(TopicPartition partition, long from, long to) {
        for (long offset = from; offset < to; offset++) {
            RecordHeaders headers = new RecordHeaders();
            CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, "req-" + partition.partition() + "-" + offset);
            consumer.addRecord(new ConsumerRecord<>(TOPIC, partition.partition(), offset, 0L, TimestampType.CREATE_TIME, 0, 1, null,
                    ("reply " + offset).getBytes(StandardCharsets.UTF_8), headers, Optional.empty()));
        }
    }
}
