package dev.courier.gateway.store;

/** The gateway's own Redis keys; nothing else writes under {@value #PREFIX}. */
public final class GatewayKeys {

    public static final String PREFIX = "gateway:";

    private GatewayKeys() {
    }

    /** A request's owner, fingerprint, route and, once it arrived, its reply. */
    public static String request(String requestId) {
        return PREFIX + "request:" + requestId;
    }

    /** Who holds a reply partition; expires unless renewed. */
    public static String lease(String topic, int partition) {
        return PREFIX + "lease:" + topic + ":" + partition;
    }

    /** Token requests from one client id or source address not known to have succeeded, in the current window. */
    public static String tokenAttempts(String kind, String value) {
        return PREFIX + "token-attempts:" + kind + ":" + value;
    }

    /** A caller's token bucket on a route (Bucket4j's state), shared by every instance; expires once full. */
    public static String rateLimit(String bucket) {
        return PREFIX + "rate:" + bucket;
    }

    /** The partition an instance held last, so a restart takes the same one back. */
    public static String lastPartition(String topic, String instanceId) {
        return PREFIX + "instance:" + instanceId + ":" + topic;
    }
}
