package dev.courier.commons.kafka;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a consumer loop lives and ends, alike for every loop in Courier: a {@code wakeup()} ends it
 * quietly, anything else thrown is its death (logged once, with the cause), and either way its
 * consumer is closed and {@link #ended()} says why, so whoever depends on the loop (readiness, the
 * process) never misses that it stopped.
 */
public final class LoopLife {

    private static final Logger LOG = LoggerFactory.getLogger(LoopLife.class);

    private final String name;
    private final CompletableFuture<String> ended = new CompletableFuture<>();
    private final CountDownLatch closed = new CountDownLatch(1);

    /** @param name what the loop is, for the log and the reason: "the command loop of blog.commands" */
    public LoopLife(String name) {
        this.name = name;
    }

    /** Runs {@code body} on the calling thread until it returns or throws, then closes {@code consumer}. */
    public void run(Runnable body, AutoCloseable consumer) {
        try {
            body.run();
        } catch (WakeupException e) {
            // Asked to stop while blocked in the consumer.
        } catch (RuntimeException | Error e) {
            LOG.error("consumer loop died loop={} error={}", name, e.toString(), e);
            ended.complete(name + " died: " + e);
        } finally {
            try {
                consumer.close();
            } catch (Exception e) {
                LOG.warn("consumer did not close cleanly loop={} error={}", name, e.toString());
            } finally {
                ended.complete(name + " stopped");
                closed.countDown();
            }
        }
    }

    /** Completes with the reason once the loop has ended, whether it died or was stopped. */
    public CompletionStage<String> ended() {
        return ended;
    }

    /** Whether the loop still runs. */
    public boolean isAlive() {
        return !ended.isDone();
    }

    /** Waits for the loop to end and its consumer to close; false when the wait ran out first. */
    public boolean awaitClosed(Duration wait) throws InterruptedException {
        return closed.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    }
}
