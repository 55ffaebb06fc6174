package dev.courier.commons.process;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Background work done again and again on a daemon thread of its own (reading lag, probing a
 * dependency): each run starts a fixed delay after the last one ended, so a slow run never piles
 * runs up, and a run that fails hands its exception to {@code onFailure} and the next one tries
 * again. Closing interrupts a run in progress and waits for it.
 */
public final class Periodic implements AutoCloseable {

    /** One run; may block, may throw. */
    @FunctionalInterface
    public interface Run {
        void run() throws Exception;
    }

    private final ScheduledExecutorService scheduler;

    private Periodic(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
    }

    /** Starts now: the first run at once, then {@code delay} after each run. */
    public static Periodic start(String threadName, Duration delay, Run run, Consumer<Exception> onFailure) {
        return start(threadName, Duration.ZERO, delay, run, onFailure);
    }

    /** Starts now: the first run after {@code firstAfter}, then {@code delay} after each run. */
    public static Periodic start(String threadName, Duration firstAfter, Duration delay, Run run, Consumer<Exception> onFailure) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                run.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                onFailure.accept(e);
            }
        }, firstAfter.toMillis(), delay.toMillis(), TimeUnit.MILLISECONDS);
        return new Periodic(scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
