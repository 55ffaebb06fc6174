package dev.courier.gateway.store;

/** A reply read from the gateway's reply partition: the request it answers and its bytes as sent. */
public record ArrivedReply(String requestId, byte[] value) {
}
