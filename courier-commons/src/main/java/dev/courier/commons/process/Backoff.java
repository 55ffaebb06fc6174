package dev.courier.commons.process;

import java.time.Duration;

/**
 * Exponential back-off: the first wait, doubled after each failure up to a ceiling, back to the
 * first after a success. Not thread-safe: one per loop. (Kafka's own {@code ExponentialBackoff}
 * adds jitter and is internal to the client.)
 */
public final class Backoff {

    private final Duration first;
    private final Duration max;
    private Duration next;

    public Backoff(Duration first, Duration max) {
        if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
            throw new IllegalArgumentException("back-off from " + first + " up to " + max + " is not a back-off");
        }
        this.first = first;
        this.max = max;
        this.next = first;
    }

    /** The wait after this failure; the one after the next failure is twice as long, up to the ceiling. */
    public Duration next() {
        Duration current = next;
        Duration doubled = next.multipliedBy(2);
        next = doubled.compareTo(max) > 0 ? max : doubled;
        return current;
    }

    /** After a success: the next failure waits the first wait again. */
    public void reset() {
        next = first;
    }
}
