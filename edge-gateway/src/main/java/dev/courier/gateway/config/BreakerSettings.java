package dev.courier.gateway.config;

import java.time.Duration;

/**
 * When the gateway stops sending requests to a failing Kafka or Redis.
 *
 * @param enabled false sends every request on, whatever happened to the ones before
 * @param failureRate the percentage of failed (or slow) calls among the last {@code window} that opens the breaker
 * @param window how many of the latest calls are counted; none opens before this many were made
 * @param slowCall a call that took longer counts as failed (a broker that is down makes sends wait, not fail)
 * @param openFor how long an open breaker answers 503 at once before it lets a few calls through to probe
 */
public record BreakerSettings(boolean enabled, int failureRate, int window, Duration slowCall, Duration openFor) {
}
