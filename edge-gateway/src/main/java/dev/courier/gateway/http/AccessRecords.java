package dev.courier.gateway.http;

/** Where the gateway tells of each request it answered, for the route analytics. Never blocks. */
public interface AccessRecords {

    /** Tells nobody. */
    AccessRecords NONE = served -> { };

    /**
     * One answered request.
     *
     * @param route the route's name, as in the metrics
     * @param method the request's method
     * @param status the response's status
     * @param gatewayNanos time from arrival to the response
     * @param replyWaitNanos the part of it spent waiting for the reply; -1 when there was no wait
     * @param principal who made the request; null before authentication
     * @param servedAtMillis when it was answered, epoch milliseconds
     */
    record Served(String route, String method, int status, long gatewayNanos, long replyWaitNanos, String principal, long servedAtMillis) {
    }

    void served(Served request);
}
