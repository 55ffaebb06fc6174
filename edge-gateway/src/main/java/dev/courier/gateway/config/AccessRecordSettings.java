package dev.courier.gateway.config;

/**
 * The access records the gateway publishes for the route analytics: whether it does, to which
 * topic, and how many may wait to be sent before more are dropped (and counted) rather than slow
 * a request.
 */
public record AccessRecordSettings(boolean enabled, String topic, int buffer) {
}
