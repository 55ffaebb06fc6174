package dev.courier.gateway;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Waits at shutdown until a condition holds or a deadline passes, checking every 20 ms. */
final class DrainWait {

    private DrainWait() {
    }

    static void until(BooleanSupplier done, long deadlineNanos) {
        while (!done.getAsBoolean() && System.nanoTime() - deadlineNanos < 0) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
    }
}
