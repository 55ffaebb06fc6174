package dev.courier.gateway.reply;

import dev.courier.commons.kafka.LoopLife;
import dev.courier.commons.process.Backoff;
import dev.courier.gateway.store.ArrivedReply;
import dev.courier.gateway.store.ReplyToRecord;
import dev.courier.gateway.store.RequestStore;
import dev.courier.gateway.tracing.ReplySpans;
import io.opentelemetry.api.trace.Span;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the one reply partition this instance leases, on its own thread: hands each batch to the
 * loops whose requests wait for it at once, records the outcomes in Redis, then commits. A restart resumes from the
 * last commit, so replies that arrived while the gateway was down are still recorded.
 */
public final class ReplyConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyConsumer.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(50);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(5);
    private static final long COMMIT_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

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

    public ReplyConsumer(Consumer<byte[], byte[]> consumer, TopicPartition partition, ReplyRouter router,
                         RequestStore store, ReplyMetrics metrics) {
        this(consumer, partition, router, store, metrics, ReplySpans.off());
    }

    public ReplyConsumer(Consumer<byte[], byte[]> consumer, TopicPartition partition, ReplyRouter router,
                         RequestStore store, ReplyMetrics metrics, ReplySpans spans) {
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
        while (running) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
            if (!records.isEmpty()) {
                List<Span> received = spans.received(records);
                List<ArrivedReply> replies = ReplyRecords.replies(records, metrics);
                metrics.received(replies.size());
                boolean recorded = recordUntilStored(router.route(replies));
                received.forEach(Span::end);
                if (!recorded) {
                    return; // stopping: what was read and not recorded is read again after a restart
                }
                uncommitted = true;
            }
            commitWhenDue();
        }
    }

    /**
     * Not awaited, and at most once a second rather than once a poll (at 1,000 replies a second, a
     * poll is often one reply), idle polls included, so an idle partition does not look behind to
     * the orphan sweeper: an offset not committed only makes a restart record the replies after it
     * again, which changes nothing.
     */
    private void commitWhenDue() {
        if (!uncommitted || System.nanoTime() - lastCommitNanos < COMMIT_INTERVAL_NANOS) {
            return;
        }
        lastCommitNanos = System.nanoTime();
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
