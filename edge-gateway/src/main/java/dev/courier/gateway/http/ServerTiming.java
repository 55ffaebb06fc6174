package dev.courier.gateway.http;

import java.util.Locale;

/** The {@code Server-Timing} value: time spent in the gateway itself, and waiting for the reply. */
final class ServerTiming {

    private ServerTiming() {
    }

    static String format(long totalNanos, long replyWaitNanos) {
        if (replyWaitNanos < 0) {
            return String.format(Locale.ROOT, "gateway;dur=%.3f", totalNanos / 1e6);
        }
        return String.format(Locale.ROOT, "gateway;dur=%.3f, reply;dur=%.3f", (totalNanos - replyWaitNanos) / 1e6, replyWaitNanos / 1e6);
    }
}
