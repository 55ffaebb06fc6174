package dev.courier.infra.junit;

import dev.courier.infra.testcontainers.Docker;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which provider gives tests their Kafka and Redis: the embedded real servers (default, no Docker
 * needed) or Testcontainers. Chosen by the system property {@value #PROPERTY} or the environment
 * variable {@value #ENVIRONMENT}: {@code embedded} or {@code testcontainers}. Testcontainers without
 * a Docker engine falls back to embedded rather than failing.
 */
public enum InfraMode {
    EMBEDDED,
    TESTCONTAINERS;

    public static final String PROPERTY = "courier.infra";
    public static final String ENVIRONMENT = "COURIER_INFRA";

    private static final Logger LOG = LoggerFactory.getLogger(InfraMode.class);

    /** The mode asked for, downgraded to embedded when Docker is missing. */
    public static InfraMode effective() {
        String asked = System.getProperty(PROPERTY, System.getenv().getOrDefault(ENVIRONMENT, "embedded"));
        InfraMode mode = switch (asked.strip().toLowerCase(Locale.ROOT)) {
            case "embedded", "" -> EMBEDDED;
            case "testcontainers" -> TESTCONTAINERS;
            default -> throw new IllegalArgumentException(PROPERTY + " must be embedded or testcontainers, was '" + asked + "'");
        };
        if (mode == TESTCONTAINERS && !Docker.isAvailable()) {
            LOG.warn("testcontainers asked for but no Docker engine answers; using embedded Kafka and Redis");
            return EMBEDDED;
        }
        return mode;
    }
}
