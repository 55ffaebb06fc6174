package dev.courier.infra.process;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline, probing every few milliseconds. */
public final class Await {

    private static final long PROBE_INTERVAL_MS = 25;

    private Await() {
    }

    /**
     * Returns once the condition holds; throws {@link IllegalStateException} with the description
     * and the detail when the timeout passes first.
     */
    public static void until(String description, Duration timeout, BooleanSupplier condition, Supplier<String> detail) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("timed out after " + timeout + " waiting for " + description + "\n" + detail.get());
            }
            try {
                Thread.sleep(PROBE_INTERVAL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted waiting for " + description, e);
            }
        }
    }
}
