package dev.courier.gateway.store;

/**
 * A reply read from the gateway's reply partition: the request it answers, its bytes as sent, and
 * the {@code traceparent} it carried (the service's reply span), if any.
 */
public record ArrivedReply(String requestId, byte[] value, String traceparent) {

    public ArrivedReply(String requestId, byte[] value) {
        this(requestId, value, null);
    }
}
