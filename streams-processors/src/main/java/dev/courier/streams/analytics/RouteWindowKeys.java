package dev.courier.streams.analytics;

import java.time.Instant;

/**
 * Keys of the route windows as queries scan them: window start first, zero-padded, so the keys of
 * a time range are one contiguous range of the store, then route and status class.
 */
public final class RouteWindowKeys {

    private RouteWindowKeys() {
    }

    public static String of(Instant windowStart, String route, String statusClass) {
        return prefix(windowStart.toEpochMilli()) + route + "|" + statusClass;
    }

    /** The smallest key of windows starting at or after {@code epochMillis}. */
    public static String from(long epochMillis) {
        return prefix(epochMillis);
    }

    private static String prefix(long epochMillis) {
        return String.format("%013d|", epochMillis);
    }
}
