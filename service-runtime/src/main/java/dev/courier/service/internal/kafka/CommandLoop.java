package dev.courier.service.internal.kafka;

import dev.courier.commons.kafka.LoopLife;
import dev.courier.commons.process.Backoff;
import dev.courier.service.internal.processing.BatchProcessor;
import dev.courier.service.internal.processing.BatchResult;
import dev.courier.service.internal.processing.ServiceMetrics;
import dev.courier.service.store.AtomicWriter;
import dev.courier.service.store.StoreUnavailableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One consumer's at-least-once loop: poll a batch, process it, send its replies, events and dead
 * letters, and commit only once Kafka acknowledged them all (without waiting for the commit).
 * When Redis is unreachable the loop rewinds the batch, pauses its partitions, and probes with
 * growing back-off until Redis answers;
 * it never replies "error" for work it can do later. Any other batch failure rewinds and retries
 * after a back-off too.
 */
public final class CommandLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(CommandLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    /** How often processed offsets are committed: also how much a crash may redeliver. */
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
    /** A batch that takes this long to process and send is logged. */
    private static final long SLOW_BATCH_MILLIS = 50;
    private static final long SLOW_LINE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Consumer<byte[], byte[]> consumer;
    private final String topic;
    private final BatchProcessor processor;
    private final Outbox outbox;
    private final AtomicWriter writer;
    private final BooleanSupplier storeReachable;
    private final LoopLife life;
    private volatile boolean running = true;
    private volatile boolean paused;
    /** In a back-off poll, all partitions paused; the rebalance listener runs on the loop's thread, inside that poll. */
    private boolean sleeping;
    private volatile long pausedSinceNanos;
    private final AtomicLong pausedNanos = new AtomicLong();
    private final ServiceMetrics metrics;
    private final Backoff backoff;
    /** Offsets after batches whose outputs Kafka acknowledged, not committed yet. */
    private final Map<TopicPartition, OffsetAndMetadata> processed = new HashMap<>();
    private long lastCommitNanos = System.nanoTime();
    private long lastSlowLineNanos = System.nanoTime() - SLOW_LINE_INTERVAL_NANOS;
    /** Slow batches since the last line about them. */
    private long slowBatches;

    /**
     * @param storeReachable probes Redis; called while paused
     */
    public CommandLoop(Consumer<byte[], byte[]> consumer, String topic, BatchProcessor processor, Outbox outbox,
                       AtomicWriter writer, BooleanSupplier storeReachable, Duration maxBackoff, ServiceMetrics metrics) {
        this.metrics = metrics;
        this.writer = writer;
        this.consumer = consumer;
        this.topic = topic;
        this.processor = processor;
        this.outbox = outbox;
        this.storeReachable = storeReachable;
        this.backoff = new Backoff(FIRST_BACKOFF.compareTo(maxBackoff) > 0 ? maxBackoff : FIRST_BACKOFF, maxBackoff);
        this.life = new LoopLife("the command loop of " + topic);
    }

    @Override
    public void run() {
        life.run(() -> {
            consumer.subscribe(List.of(topic), new PauseNewPartitionsWhilePaused());
            try {
                while (running) {
                    if (paused) {
                        waitForStore();
                    } else {
                        pollAndProcess();
                    }
                }
            } finally {
                // Acknowledged batches are committed however the loop ends; their marks go if Redis takes them.
                commitProcessed();
                sendMarks();
            }
        }, consumer);
    }

    /**
     * Completes with the reason once the loop has ended, whether it died or was stopped; a loop
     * that ends while nobody asked it to stop leaves its partitions unprocessed.
     */
    public CompletionStage<String> ended() {
        return life.ended();
    }

    /** Whether the loop still runs: false once it has died or been stopped. */
    public boolean isAlive() {
        return life.isAlive();
    }

    /** Finishes the batch in flight, commits it, leaves the group; returns when done or the wait is over. */
    public boolean stop(Duration wait) throws InterruptedException {
        running = false;
        consumer.wakeup();
        return life.awaitClosed(wait);
    }

    private void pollAndProcess() {
        ConsumerRecords<byte[], byte[]> records;
        try {
            records = consumer.poll(POLL_TIMEOUT);
        } catch (WakeupException e) {
            return;
        }
        if (records.isEmpty()) {
            // Idle now: what the last batches processed is committed once the interval is over, and
            // the published marks no next write carried go on their own.
            commitWhenDue();
            sendMarks();
            return;
        }
        try {
            long started = System.nanoTime();
            BatchResult batch = processor.process(toList(records));
            long processedAt = System.nanoTime();
            outbox.sendAll(batch.outputs());
            long sentAt = System.nanoTime();
            processor.published(batch.eventsToMarkPublished());
            writer.markPublished(batch.eventsToMarkPublished()); // rides in the next write's round trip
            processed.putAll(records.nextOffsets());
            commitWhenDue();
            metrics.batch(records.count(), System.nanoTime() - started);
            logIfSlow(records, started, processedAt, sentAt);
            backoff.reset();
        } catch (StoreUnavailableException e) {
            LOG.warn("Redis unavailable, pausing consumption topic={} error={}", topic, e.getCause().toString());
            rewind(records);
            paused = true;
            pausedSinceNanos = System.nanoTime();
            consumer.pause(consumer.assignment());
        } catch (RuntimeException e) {
            LOG.error("batch failed, will process it again topic={} records={}", topic, records.count(), e);
            rewind(records);
            sleepPolling(backoff.next());
        }
    }

    /**
     * A line for a batch that took long to process (Redis) or to send (until Kafka acknowledged),
     * with how long its oldest command had waited to be read: where a slow request spent its time
     * in this service. Only the batch's own time counts, not the wait of the commands queued
     * behind a slow one. At most one line a second, with how many slow batches it stands for.
     */
    private void logIfSlow(ConsumerRecords<byte[], byte[]> records, long started, long processedAt, long sentAt) {
        long processMillis = TimeUnit.NANOSECONDS.toMillis(processedAt - started);
        long sendMillis = TimeUnit.NANOSECONDS.toMillis(sentAt - processedAt);
        if (processMillis + sendMillis < SLOW_BATCH_MILLIS) {
            return;
        }
        slowBatches++;
        if (sentAt - lastSlowLineNanos >= SLOW_LINE_INTERVAL_NANOS) {
            long oldest = Long.MAX_VALUE;
            for (ConsumerRecord<byte[], byte[]> record : records) {
                oldest = Math.min(oldest, record.timestamp());
            }
            long waitedMillis = System.currentTimeMillis() - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started) - oldest;
            lastSlowLineNanos = sentAt;
            LOG.info("slow batch topic={} records={} oldestWaitedMs={} processMs={} sendMs={} slowBatchesSinceLastLine={}", topic,
                    records.count(), waitedMillis, processMillis, sendMillis, slowBatches);
            slowBatches = 0;
        }
    }

    /** Not awaited: the marks only spare a redelivery from sending the events again. */
    private void sendMarks() {
        writer.sendMarks().whenComplete((ignored, error) -> {
            if (error != null) {
                // A redelivery will send these events once more: duplicated, never lost.
                LOG.warn("could not mark events published topic={} error={}", topic, error.toString());
            }
        });
    }

    /** Whether the loop waits for Redis to come back. */
    public boolean isPaused() {
        return paused;
    }

    /** Seconds this loop has spent paused for Redis so far, the pause going on included. */
    public double pausedSeconds() {
        long now = paused ? System.nanoTime() - pausedSinceNanos : 0;
        return (pausedNanos.get() + now) / 1e9;
    }

    private void waitForStore() {
        sleepPolling(backoff.next());
        if (running && storeReachable.getAsBoolean()) {
            LOG.info("Redis reachable again, resuming consumption topic={}", topic);
            pausedNanos.addAndGet(System.nanoTime() - pausedSinceNanos);
            paused = false;
            backoff.reset();
            consumer.resume(consumer.paused());
        }
    }

    /**
     * Waits by polling paused partitions: the consumer stays in its group and sees rebalances.
     * Partitions assigned meanwhile start paused too; afterwards, unless Redis is away, whatever is
     * assigned then is resumed (resuming a partition revoked meanwhile would throw).
     */
    private void sleepPolling(Duration duration) {
        boolean resumeAfter = !paused;
        sleeping = true;
        consumer.pause(consumer.assignment());
        try {
            ConsumerRecords<byte[], byte[]> none = consumer.poll(duration);
            if (!none.isEmpty()) {
                throw new IllegalStateException("paused consumer returned " + none.count() + " records");
            }
        } catch (WakeupException e) {
            // stopping
        } finally {
            sleeping = false;
            if (resumeAfter) {
                consumer.resume(consumer.assignment());
            }
        }
    }

    /**
     * Asynchronous, so the next batch does not wait a broker round trip, and at most every 200 ms
     * rather than every batch (at low load a batch is often one command, and a commit per command
     * costs the broker more than the command). Safe because replies and events were acknowledged
     * first, and an offset not committed only redelivers commands the store answers from their
     * recorded outcomes. Revoked partitions and the end of the loop commit what they processed.
     */
    private void commitWhenDue() {
        if (processed.isEmpty() || System.nanoTime() - lastCommitNanos < COMMIT_INTERVAL_NANOS) {
            return;
        }
        lastCommitNanos = System.nanoTime();
        consumer.commitAsync(new HashMap<>(processed), (offsets, error) -> {
            if (error != null) {
                LOG.warn("offset commit failed, the batch may be redelivered topic={} error={}", topic, error.toString());
            }
        });
        processed.clear();
    }

    /** What was processed and not committed yet, committed before the partitions go or the loop ends. */
    private void commitProcessed(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        partitions.forEach(partition -> {
            OffsetAndMetadata offset = processed.remove(partition);
            if (offset != null) {
                offsets.put(partition, offset);
            }
        });
        if (offsets.isEmpty()) {
            return;
        }
        try {
            commitSync(offsets);
        } catch (RuntimeException e) {
            LOG.warn("offset commit failed, the batch may be redelivered topic={} error={}", topic, e.toString());
        }
    }

    /** A stop's wake-up may still be pending when the loop ends between polls: it fails the first try only. */
    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            consumer.commitSync(offsets);
        }
    }

    private void commitProcessed() {
        commitProcessed(List.copyOf(processed.keySet()));
    }

    private void rewind(ConsumerRecords<byte[], byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> toList(ConsumerRecords<byte[], byte[]> records) {
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }

    /** Partitions assigned while Redis is away, or during a back-off, start paused too. */
    private final class PauseNewPartitionsWhilePaused implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (paused || sleeping) {
                consumer.pause(partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing in flight: a batch is acknowledged or rewound before the next poll; what was
            // processed goes with the partitions, so their next owner does not do it again.
            commitProcessed(partitions);
        }
    }
}
