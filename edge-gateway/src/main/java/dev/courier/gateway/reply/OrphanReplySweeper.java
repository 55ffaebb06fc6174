package dev.courier.gateway.reply;

import dev.courier.gateway.store.ArrivedReply;
import dev.courier.gateway.store.RequestStore;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records the replies on reply partitions that no gateway instance holds, so a request whose gateway
 * left for good (scaled down, or back under another instance id) still gets its outcome at
 * {@code /requests/{id}}. Every interval it compares the reply group's committed offsets with the
 * partitions' ends. A partition that is behind and whose lease it can take is read up to the end it
 * saw; the replies are recorded, the offsets committed, and the lease let go. A partition whose owner
 * renewed its lease within the lease TTL is never touched, and an instance that starts meanwhile
 * simply takes another partition.
 */
public final class OrphanReplySweeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OrphanReplySweeper.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long ADMIN_TIMEOUT_SECONDS = 10;
    private static final long STORE_TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final Consumer<byte[], byte[]> consumer;
    private final ReplyPartitionLease own;
    private final String groupId;
    private final String holder;
    private final RequestStore store;
    private final ReplyMetrics metrics;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "courier-reply-sweeper");
        thread.setDaemon(true);
        return thread;
    });

    /** @param consumer reads under {@code groupId}, the group every instance commits reply offsets under */
    public OrphanReplySweeper(Admin admin, Consumer<byte[], byte[]> consumer, ReplyPartitionLease own, String groupId,
                              RequestStore store, ReplyMetrics metrics) {
        this.admin = admin;
        this.consumer = consumer;
        this.own = own;
        this.groupId = groupId;
        // Not a valid instance id, so never mistaken for an instance's own lease.
        this.holder = own.instanceId() + ":sweep";
        this.store = store;
        this.metrics = metrics;
    }

    public void start(Duration interval) {
        scheduler.scheduleWithFixedDelay(this::sweepLogged, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void sweepLogged() {
        try {
            sweep();
        } catch (WakeupException e) {
            // closing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("reply sweep failed; next one retries topic={} error={}", own.topic(), e.toString());
        }
    }

    /** One sweep over every partition of the reply topic; runs every interval. */
    void sweep() throws ExecutionException, InterruptedException, TimeoutException {
        for (var behind : partitionsBehind().entrySet()) {
            int partition = behind.getKey().partition();
            long takenAt = own.nanoTime();
            if (partition == own.partition() || !own.leases().take(partition, holder, own.ttl().toMillis())) {
                continue;
            }
            try {
                // Half the TTL, so the lease cannot run out while this instance still reads.
                int recorded = drain(behind.getKey(), behind.getValue(), takenAt + own.ttl().toNanos() / 2);
                metrics.swept(recorded);
                LOG.info("replies recorded from an unleased partition topic={} partition={} count={}", own.topic(), partition, recorded);
            } finally {
                consumer.assign(List.of());
                own.leases().release(partition, holder);
            }
        }
    }

    /** Partitions whose end is past the group's committed offset, with that end. */
    private Map<TopicPartition, Long> partitionsBehind() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = IntStream.range(0, own.partitions())
                .mapToObj(partition -> new TopicPartition(own.topic(), partition))
                .collect(Collectors.toMap(Function.identity(), partition -> OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(ADMIN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return ends.entrySet().stream()
                .filter(end -> {
                    OffsetAndMetadata offset = committed.get(end.getKey());
                    return end.getValue().offset() > (offset == null ? 0 : offset.offset());
                })
                .collect(Collectors.toMap(Map.Entry::getKey, end -> end.getValue().offset()));
    }

    /** Records the partition's replies from the committed offset up to {@code end}; what is left waits for the next sweep. */
    private int drain(TopicPartition partition, long end, long deadlineNanos)
            throws ExecutionException, InterruptedException, TimeoutException {
        consumer.assign(List.of(partition));
        int recorded = 0;
        while (consumer.position(partition) < end && own.nanoTime() - deadlineNanos < 0) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            if (records.isEmpty()) {
                continue;
            }
            List<ArrivedReply> replies = ReplyRecords.replies(records, metrics);
            store.recordReplies(replies).toCompletableFuture().get(STORE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            consumer.commitSync(records.nextOffsets());
            recorded += replies.size();
        }
        return recorded;
    }

    @Override
    public void close() {
        scheduler.shutdown();
        consumer.wakeup();
        try {
            if (!scheduler.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("reply sweeper did not stop in 10 s topic={}", own.topic());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        consumer.close();
    }
}
