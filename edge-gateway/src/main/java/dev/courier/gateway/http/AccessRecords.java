package dev.courier.gateway.http;

/** Where the gateway tells of each request it answered: the access log, the route analytics. Never blocks. */
public interface AccessRecords {

    /** Tells nobody. */
    AccessRecords NONE = served -> { };

    /**
     * One answered request.
     *
     * @param route the route's name, as in the metrics
     * @param method the request's method
     * @param path the request's path, without its query
     * @param status the response's status
     * @param gatewayNanos time from arrival to the response
     * @param replyWaitNanos the part of it spent waiting for the reply; -1 when there was no wait
     * @param principal who made the request; null before authentication
     * @param servedAtMillis when it was answered, epoch milliseconds
     * @param requestId the request's id, as in {@code X-Request-Id}
     * @param correlationId as in {@code X-Correlation-Id}
     * @param traceId the request's trace, or {@code -} when it has none
     */
    record Served(String route, String method, String path, int status, long gatewayNanos, long replyWaitNanos, String principal,
                  long servedAtMillis, String requestId, String correlationId, String traceId) {
    }

    void served(Served request);

    /** Tells both, {@code first} first. */
    static AccessRecords both(AccessRecords first, AccessRecords second) {
        return served -> {
            first.served(served);
            second.served(served);
        };
    }
}
