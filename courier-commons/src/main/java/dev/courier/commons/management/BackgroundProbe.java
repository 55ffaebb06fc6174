package dev.courier.commons.management;

import java.time.Duration;
import dev.courier.commons.process.Periodic;
import java.util.concurrent.Callable;

/**
 * Probes a dependency (Kafka, Redis) every few seconds on a thread of its own, so a readiness check
 * only reads the last answer: cheap, never blocking, and never a load on the dependency per probe.
 */
public final class BackgroundProbe implements AutoCloseable {

    private final Periodic probing;
    private volatile boolean up = true;

    /** @param probe true when the dependency answered; a thrown exception counts as down */
    public BackgroundProbe(String name, Callable<Boolean> probe, Duration every) {
        this.probing = Periodic.start("courier-probe-" + name, every, () -> up = Boolean.TRUE.equals(probe.call()), failure -> up = false);
    }

    public boolean up() {
        return up;
    }

    @Override
    public void close() {
        probing.close();
    }
}
