package dev.courier.infra.testcontainers;

import dev.courier.infra.redis.RedisEndpoint;
import org.testcontainers.containers.GenericContainer;

/** A Redis server in a container, append-only file on, for machines with Docker. */
public final class ContainerRedis implements RedisEndpoint, AutoCloseable {

    public static final String IMAGE = "redis:7.4";
    private static final int REDIS_PORT = 6379;

    private final GenericContainer<?> container;

    private ContainerRedis(GenericContainer<?> container) {
        this.container = container;
    }

    public static ContainerRedis start() {
        GenericContainer<?> container = new GenericContainer<>(IMAGE)
                .withCommand("redis-server", "--appendonly", "yes", "--appendfsync", "everysec")
                .withExposedPorts(REDIS_PORT);
        container.start();
        return new ContainerRedis(container);
    }

    @Override
    public String host() {
        return container.getHost();
    }

    @Override
    public int port() {
        return container.getMappedPort(REDIS_PORT);
    }

    @Override
    public void close() {
        container.stop();
    }
}
