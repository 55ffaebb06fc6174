package dev.courier.commons.management;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Probes a dependency (Kafka, Redis) every few seconds on a thread of its own, so a readiness check
 * only reads the last answer: cheap, never blocking, and never a load on the dependency per probe.
 */
public final class BackgroundProbe implements AutoCloseable {

    private final ScheduledExecutorService scheduler;
    private volatile boolean up = true;

    /** @param probe true when the dependency answered; a thrown exception counts as down */
    public BackgroundProbe(String name, Callable<Boolean> probe, Duration every) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "courier-probe-" + name);
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                up = Boolean.TRUE.equals(probe.call());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                up = false;
            } catch (Exception e) {
                up = false;
            }
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    public boolean up() {
        return up;
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
