package dev.courier.gateway.cache;

/**
 * The entity kept answers are about: the events topic that tells of its changes, and its id, the
 * key of those events and of the commands about it.
 */
public record Subject(String events, String key) {
}
