package dev.courier.service.testing;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits for a condition another thread brings about, checking it every few milliseconds. */
public final class Eventually {

    /** Generous: only a broken test waits this long. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long CHECK_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

    private Eventually() {
    }

    /**
     * Returns once {@code condition} holds; fails after {@link #TIMEOUT}. A condition may throw an
     * {@link AssertionError} to give up at once, when what it waits for can no longer happen.
     *
     * @param what what is awaited, for the failure message
     */
    public static void until(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + TIMEOUT.toSeconds() + " s in vain until " + what);
            }
            LockSupport.parkNanos(CHECK_EVERY_NANOS);
        }
    }

    /** Returns once {@code thread} waits (untimed, as on a future) inside a method of {@code type}. */
    public static void untilWaitingIn(Thread thread, Class<?> type) {
        until(thread.getName() + " waits in " + type.getSimpleName(), () -> {
            if (!thread.isAlive()) {
                throw new AssertionError(thread.getName() + " ended instead of waiting in " + type.getSimpleName());
            }
            if (thread.getState() != Thread.State.WAITING) {
                return false;
            }
            for (StackTraceElement frame : thread.getStackTrace()) {
                if (frame.getClassName().equals(type.getName())) {
                    return true;
                }
            }
            return false;
        });
    }
}
