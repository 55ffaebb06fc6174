package dev.courier.gateway.reply;

import dev.courier.commons.kafka.LoopLife;
import dev.courier.commons.process.Backoff;
import dev.courier.gateway.store.ArrivedReply;
import dev.courier.gateway.store.ReplyToRecord;
import dev.courier.gateway.store.RequestStore;
import dev.courier.gateway.tracing.ReplySpans;
import io.opentelemetry.api.trace.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the one reply partition this instance leases, on its own thread: hands each batch to the
 * loops whose requests wait for it at once, records the outcomes in Redis, then commits. A restart resumes from the
 * last commit, so replies that arrived while the gateway was down are still recorded.
 *
 * <p>Outcomes are recorded together, in one pipeline, once the first of them was handed on
 * {@link #RECORD_EVERY} ago (later while Redis is slow or away): at a thousand replies a second a
 * poll is often one reply, and a round trip per reply cost more than the recording itself. Until
 * then {@code GET /requests/{id}} does not know a synchronous request that had no
 * {@code Idempotency-Key}, and a poller of an asynchronous one still reads "pending".
 */
public final class ReplyConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long handed-on replies may wait to be recorded together. */
    static final Duration RECORD_EVERY = Duration.ofMillis(20);
    /** Recorded at once when this many wait, however young. */
    private static final int RECORD_AT_MOST = 1_000;
    /** How long a stop tries to record and commit what is left. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(2);

    private final Consumer<byte[], byte[]> consumer;
    private final TopicPartition partition;
    private final ReplyRouter router;
    private final RequestStore store;
    private final ReplyMetrics metrics;
    private final Thread thread;
    private final LoopLife life;
    private volatile boolean running = true;
    private final ReplySpans spans;
    private long lastCommitNanos;
    /** Replies recorded since the last commit; only touched on the consumer's thread. */
    private boolean uncommitted;
    /** Replies handed on and not yet recorded; only touched on the consumer's thread. */
    private final List<ReplyToRecord> unrecorded = new ArrayList<>();
    private long firstUnrecordedNanos;
    private final LongSupplier nanoTime;

    public ReplyConsumer(Consumer<byte[], byte[]> consumer, TopicPartition partition, ReplyRouter router,
                         RequestStore store, ReplyMetrics metrics) {
        this(consumer, partition, router, store, metrics, ReplySpans.off());
    }

    public ReplyConsumer(Consumer<byte[], byte[]> consumer, TopicPartition partition, ReplyRouter router,
                         RequestStore store, ReplyMetrics metrics, ReplySpans spans) {
        this(consumer, partition, router, store, metrics, spans, System::nanoTime);
    }

    /** With the clock that says when replies are due to be recorded and offsets to be committed. */
    ReplyConsumer(Consumer<byte[], byte[]> consumer, TopicPartition partition, ReplyRouter router,
                  RequestStore store, ReplyMetrics metrics, ReplySpans spans, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.spans = spans;
        this.consumer = consumer;
        this.partition = partition;
        this.router = router;
        this.store = store;
        this.metrics = metrics;
        this.thread = new Thread(this::run, "courier-replies-" + partition.partition());
        this.life = new LoopLife("the reply consumer of " + partition);
    }

    public void start() {
        consumer.assign(List.of(partition));
        thread.start();
    }

    private void run() {
        life.run(this::consume, consumer);
    }

    private void consume() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(untilRecordDue());
                if (!records.isEmpty()) {
                    List<Span> received = spans.received(records);
                    List<ArrivedReply> replies = ReplyRecords.replies(records, metrics);
                    metrics.received(replies.size());
                    if (unrecorded.isEmpty()) {
                        firstUnrecordedNanos = nanoTime.getAsLong();
                    }
                    unrecorded.addAll(router.route(replies));
                    received.forEach(Span::end);
                }
                if (!recordWhenDue()) {
                    return; // stopping while Redis is away: what was read and not recorded is read again after a restart
                }
                commitWhenDue();
            }
        } finally {
            recordLeftBehind();
        }
    }

    /**
     * The poll's timeout: returns in time to record what waits. Rounded up to whole milliseconds,
     * as Kafka rounds a poll's timeout down: less than a millisecond left must not become a busy loop of poll(0).
     */
    private Duration untilRecordDue() {
        if (unrecorded.isEmpty()) {
            return POLL;
        }
        long left = RECORD_EVERY.toNanos() - (nanoTime.getAsLong() - firstUnrecordedNanos);
        return Duration.ofMillis(Math.max(0, (left + 999_999) / 1_000_000));
    }

    /** False only when stopping before what was due could be recorded. */
    private boolean recordWhenDue() {
        if (unrecorded.isEmpty()
                || unrecorded.size() < RECORD_AT_MOST && nanoTime.getAsLong() - firstUnrecordedNanos < RECORD_EVERY.toNanos()) {
            return true;
        }
        if (!recordUntilStored(List.copyOf(unrecorded))) {
            return false;
        }
        unrecorded.clear();
        uncommitted = true;
        return true;
    }

    /**
     * On the way out, one bounded try to record what was handed on and not recorded yet, then to
     * commit it: its callers have their answers, and their outcomes should not wait for a restart
     * to read them again. If Redis fails now, nothing past them is committed, so they are.
     */
    private void recordLeftBehind() {
        if (unrecorded.isEmpty()) {
            return;
        }
        try {
            store.record(List.copyOf(unrecorded)).toCompletableFuture().get(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warn("replies not recorded at stop, read again after a restart count={} error={}", unrecorded.size(), e.toString());
            return;
        }
        unrecorded.clear();
        try {
            commitSyncOnce();
        } catch (RuntimeException e) {
            LOG.warn("reply offsets not committed at stop partition={} error={}", partition, e.toString());
        }
    }

    /** The stop's wake-up may still be pending: it fails the first try only. */
    private void commitSyncOnce() {
        try {
            consumer.commitSync(STOP_WAIT);
        } catch (WakeupException e) {
            consumer.commitSync(STOP_WAIT);
        }
    }

    /**
     * Not awaited, and at most once a second rather than once a poll (at 1,000 replies a second, a
     * poll is often one reply), idle polls included, so an idle partition does not look behind to
     * the orphan sweeper: an offset not committed only makes a restart record the replies after it
     * again, which changes nothing. Never while replies it read wait to be recorded: the commit
     * takes the consumer's position, past them.
     */
    private void commitWhenDue() {
        if (!uncommitted || !unrecorded.isEmpty() || nanoTime.getAsLong() - lastCommitNanos < COMMIT_INTERVAL_NANOS) {
            return;
        }
        lastCommitNanos = nanoTime.getAsLong();
        uncommitted = false;
        consumer.commitAsync((offsets, error) -> {
            if (error != null) {
                LOG.warn("reply offsets not committed partition={} error={}", partition, error.toString());
            }
        });
    }

    /** Completes with the reason once the consumer has ended, whether it died or was closed. */
    public CompletionStage<String> ended() {
        return life.ended();
    }

    /** Whether replies are still being read: false once the consumer died or was closed. */
    public boolean isAlive() {
        return life.isAlive();
    }

    /** Retries through a Redis outage; false only when stopping first. */
    private boolean recordUntilStored(List<ReplyToRecord> replies) {
        Backoff backoff = new Backoff(FIRST_BACKOFF, MAX_BACKOFF);
        while (running) {
            try {
                store.record(replies).toCompletableFuture().get(30, TimeUnit.SECONDS);
                return true;
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                Duration wait = backoff.next();
                LOG.warn("replies not recorded, retrying count={} backoffMs={} error={}", replies.size(), wait.toMillis(), e.toString());
                try {
                    life.awaitClosed(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
        }
        return false;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            if (!life.awaitClosed(Duration.ofSeconds(10))) {
                LOG.warn("reply consumer did not stop in 10 s partition={}", partition);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
