package dev.courier.streams.internal;

import java.time.Instant;

/** Instants that may be unknown (null). */
public final class Times {

    private Times() {
    }

    /** The later of two instants; an unknown one loses to a known one. */
    public static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
