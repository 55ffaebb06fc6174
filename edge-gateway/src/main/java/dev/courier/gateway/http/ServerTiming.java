package dev.courier.gateway.http;


/** The {@code Server-Timing} value: time spent in the gateway itself, and waiting for the reply. */
final class ServerTiming {

    private ServerTiming() {
    }

    static String format(long totalNanos, long replyWaitNanos) {
        StringBuilder value = new StringBuilder(48).append("gateway;dur=");
        if (replyWaitNanos < 0) {
            return millis(value, totalNanos).toString();
        }
        millis(value, totalNanos - replyWaitNanos).append(", reply;dur=");
        return millis(value, replyWaitNanos).toString();
    }

    /** Milliseconds with three decimals, without String.format (which parses its pattern on every call). */
    private static StringBuilder millis(StringBuilder value, long nanos) {
        long micros = Math.max(0, Math.round(nanos / 1e3));
        long fraction = micros % 1000;
        value.append(micros / 1000).append('.');
        if (fraction < 100) {
            value.append(fraction < 10 ? "00" : "0");
        }
        return value.append(fraction);
    }
}
