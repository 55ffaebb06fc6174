package dev.courier.streams.windows;

import java.time.Instant;

/**
 * Keys of windowed entries as queries scan them: window start first, zero-padded, so the keys of
 * a time range are one contiguous range of the store, then what the window is of.
 */
public final class WindowKeys {

    private WindowKeys() {
    }

    /** E.g. {@code 1796040000000|create-post|2xx}. */
    public static String of(Instant windowStart, String first, String second) {
        return from(windowStart.toEpochMilli()) + first + "|" + second;
    }

    /** The smallest key of windows starting at or after {@code epochMillis}. */
    public static String from(long epochMillis) {
        return String.format("%013d|", epochMillis);
    }
}
