package dev.courier.commons.management;

import java.util.function.BooleanSupplier;

/**
 * One named readiness check, e.g. {@code commandLoops} or {@code redis}. Checks are read on every
 * probe, so each must be cheap and never block.
 */
public record HealthCheck(String name, BooleanSupplier up) {
}
