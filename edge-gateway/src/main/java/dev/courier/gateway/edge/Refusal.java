package dev.courier.gateway.edge;

/**
 * Why the edge refuses a request before any handler sees it, as an RFC 9457 problem.
 *
 * @param status the HTTP status: 400, or 414, 431, 417, 501 or 505 where the RFCs name one
 * @param type the last part of the problem type URI
 * @param detail what was wrong, for the client; never echoes raw request bytes
 * @param retryAfterSeconds a {@code Retry-After} to send, or 0 for none
 */
public record Refusal(int status, String type, String detail, int retryAfterSeconds) {

    Refusal(int status, String type, String detail) {
        this(status, type, detail, 0);
    }

    static Refusal badRequest(String detail) {
        return new Refusal(400, "malformed-request", detail);
    }

    /** The gateway is draining: the client should retry, on another instance. */
    static Refusal shuttingDown() {
        return new Refusal(503, "shutting-down", "the gateway is shutting down; retry on another instance", 1);
    }
}
