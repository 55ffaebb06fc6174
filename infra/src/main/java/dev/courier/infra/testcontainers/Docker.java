package dev.courier.infra.testcontainers;

import org.testcontainers.DockerClientFactory;

/** Whether a Docker engine answers here, asked once. */
public final class Docker {

    private static volatile Boolean available;

    private Docker() {
    }

    public static boolean isAvailable() {
        Boolean known = available;
        if (known == null) {
            try {
                known = DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException e) {
                known = false;
            }
            available = known;
        }
        return known;
    }
}
