package dev.courier.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.store.RequestOrigin;
import dev.courier.gateway.testing.InMemoryRequestStore;
import dev.courier.gateway.tracing.ReplySpans;
import dev.courier.schemas.kafka.CourierHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class ReplyConsumerTest {

    private static final TopicPartition PARTITION = new TopicPartition("replies", 3);

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    private final InMemoryRequestStore store = new InMemoryRequestStore();

    @Test
    void shouldReportItsDeathSoReadinessGoesDown() throws Exception {
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.setPollException(new KafkaException("the reply topic's partition is gone"));
        // It dies on its first poll: no reply is ever routed or stored.
        ReplyConsumer replies = new ReplyConsumer(consumer, PARTITION, new ReplyRouter(new ReplyMetrics()), null, new ReplyMetrics());

        replies.start();
        String reason = replies.ended().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(reason).contains("died").contains("the reply topic's partition is gone");
        assertThat(replies.isAlive()).isFalse();
        replies.close();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void shouldRecordRepliesAndCommitThemOnceRecordedEvenWhenThePartitionGoesQuiet() throws Exception {
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        store.claim("r1", new RequestOrigin("demo", "", "create-post")).toCompletableFuture().get();
        store.claim("r2", new RequestOrigin("demo", "", "create-post")).toCompletableFuture().get();
        ReplyMetrics metrics = new ReplyMetrics();
        ReplyConsumer replies = new ReplyConsumer(consumer, PARTITION, new ReplyRouter(metrics), store, metrics);
        replies.start();

        consumer.schedulePollTask(() -> consumer.addRecord(reply(0, "r1")));
        await("the first reply recorded and committed", () -> store.recordOf("r1").orElseThrow().reply().isPresent() && committed() == 1);
        consumer.schedulePollTask(() -> consumer.addRecord(reply(1, "r2")));

        // then: the second reply's offset is committed by a later, empty poll, not only by the next reply
        await("the second reply committed while nothing more arrives", () -> committed() == 2);
        assertThat(store.recordOf("r2").orElseThrow().reply()).isPresent();
        assertThat(metrics.receivedReplies()).isEqualTo(2);
        replies.close();
    }

    @Test
    void shouldRecordRepliesOfSeveralPollsInOneRoundTrip() throws Exception {
        // given: a clock that stands still until the test moves it
        AtomicLong clock = new AtomicLong(Duration.ofSeconds(10).toNanos());
        ReplyConsumer replies = onClock(consumer, clock, "r1", "r2");
        CountDownLatch bothRead = new CountDownLatch(1);
        consumer.schedulePollTask(() -> consumer.addRecord(reply(0, "r1")));
        consumer.schedulePollTask(() -> consumer.addRecord(reply(1, "r2")));
        consumer.schedulePollTask(bothRead::countDown);

        // when: both replies were read in two polls, and less than RECORD_EVERY passed
        replies.start();
        assertThat(bothRead.await(30, TimeUnit.SECONDS)).isTrue();

        // then: neither is recorded yet, and no offset is committed past them
        assertThat(store.recordOf("r1").orElseThrow().reply()).isEmpty();
        assertThat(store.recordOf("r2").orElseThrow().reply()).isEmpty();
        assertThat(committed()).isEqualTo(-1);

        // when: RECORD_EVERY has passed
        clock.addAndGet(ReplyConsumer.RECORD_EVERY.toNanos());

        // then: both are recorded in one round trip, then committed
        await("both replies recorded and committed", () -> committed() == 2);
        assertThat(store.recordOf("r1").orElseThrow().reply()).isPresent();
        assertThat(store.recordOf("r2").orElseThrow().reply()).isPresent();
        assertThat(store.recordCalls()).isEqualTo(1);
        replies.close();
    }

    @Test
    void shouldNotCommitWhileAReplyReadWaitsToBeRecordedEvenWhenTheCommitIsDue() throws Exception {
        // given: r1 recorded and committed, r2 recorded since, its commit not due yet
        long start = Duration.ofSeconds(10).toNanos();
        AtomicLong clock = new AtomicLong(start);
        ReplyConsumer replies = onClock(consumer, clock, "r1", "r2", "r3");
        replies.start();
        afterPolls(() -> consumer.addRecord(reply(0, "r1")));
        clock.set(start + Duration.ofMillis(20).toNanos());
        await("r1 recorded and committed", () -> committed() == 1);
        afterPolls(() -> consumer.addRecord(reply(1, "r2")));
        clock.set(start + Duration.ofMillis(40).toNanos());
        await("r2 recorded", () -> store.recordOf("r2").orElseThrow().reply().isPresent());
        // r3 is read 995 ms after the last commit
        clock.set(start + Duration.ofMillis(1_015).toNanos());
        afterPolls(() -> consumer.addRecord(reply(2, "r3")));

        // when: the commit is due (1,005 ms since the last), r3 is not (read 10 ms ago)
        clock.set(start + Duration.ofMillis(1_025).toNanos());
        afterPolls(() -> { });

        // then: nothing is committed, as the consumer's position is past r3
        assertThat(store.recordOf("r3").orElseThrow().reply()).isEmpty();
        assertThat(committed()).isEqualTo(1);

        // when: r3 is due
        clock.set(start + Duration.ofMillis(1_040).toNanos());

        // then
        await("r3 recorded and everything committed", () -> committed() == 3);
        assertThat(store.recordOf("r3").orElseThrow().reply()).isPresent();
        replies.close();
    }

    @Test
    void shouldRecordAndCommitWhatWaitsWhenClosed() throws Exception {
        // given: a reply read, not due to be recorded for a while, on a consumer that tells what its stop committed
        AtomicLong committedAtStop = new AtomicLong(-1);
        MockConsumer<byte[], byte[]> stopping = new MockConsumer<>("earliest") {
            @Override
            public synchronized void commitSync(Duration timeout) {
                super.commitSync(timeout);
                committedAtStop.set(super.committed(Set.of(PARTITION)).get(PARTITION).offset());
            }
        };
        ReplyConsumer replies = onClock(stopping, new AtomicLong(Duration.ofSeconds(10).toNanos()), "r1");
        replies.start();
        CountDownLatch read = new CountDownLatch(1);
        stopping.schedulePollTask(() -> stopping.addRecord(reply(0, "r1")));
        stopping.schedulePollTask(read::countDown);
        assertThat(read.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(store.recordOf("r1").orElseThrow().reply()).isEmpty();

        // when
        replies.close();

        // then: its caller's outcome is on record, and committed
        assertThat(store.recordOf("r1").orElseThrow().reply()).isPresent();
        assertThat(committedAtStop.get()).isEqualTo(1);
    }

    /** A reply consumer on this clock, for requests claimed in the store; not started. */
    private ReplyConsumer onClock(MockConsumer<byte[], byte[]> reading, AtomicLong clock, String... requestIds) throws Exception {
        reading.updateBeginningOffsets(Map.of(PARTITION, 0L));
        for (String requestId : requestIds) {
            store.claim(requestId, new RequestOrigin("demo", "", "create-post")).toCompletableFuture().get();
        }
        ReplyMetrics metrics = new ReplyMetrics();
        return new ReplyConsumer(reading, PARTITION, new ReplyRouter(metrics), store, metrics, ReplySpans.off(), clock::get);
    }

    /** Runs {@code task} in a poll and returns once the loop has gone once more round after that poll. */
    private void afterPolls(Runnable task) throws InterruptedException {
        CountDownLatch looped = new CountDownLatch(1);
        consumer.schedulePollTask(task);
        consumer.schedulePollTask(() -> { });
        consumer.schedulePollTask(looped::countDown);
        assertThat(looped.await(30, TimeUnit.SECONDS)).isTrue();
    }

    private long committed() {
        Map<TopicPartition, OffsetAndMetadata> offsets = consumer.committed(Set.of(PARTITION));
        OffsetAndMetadata offset = offsets.get(PARTITION);
        return offset == null ? -1 : offset.offset();
    }

    private static ConsumerRecord<byte[], byte[]> reply(long offset, String requestId) {
        RecordHeaders headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
        return new ConsumerRecord<>(PARTITION.topic(), PARTITION.partition(), offset, 0L, TimestampType.CREATE_TIME,
                0, 0, null, "reply".getBytes(StandardCharsets.UTF_8), headers, Optional.empty());
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.onSpinWait();
        }
    }
}
