package dev.courier.gateway.config;

import java.time.Duration;

/**
 * How many token requests not known to have succeeded are allowed per window: per source address,
 * per client id from one address, and per client id from all addresses together.
 */
public record ThrottleSettings(int perAddress, int perClientAndAddress, int perClient, Duration window) {
}
