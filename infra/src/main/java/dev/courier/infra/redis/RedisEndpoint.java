package dev.courier.infra.redis;

/** A running Redis server as its clients see it. */
public interface RedisEndpoint {

    String host();

    int port();

    /** The address in the {@code redis://host:port} form Redisson takes. */
    default String uri() {
        return "redis://" + host() + ":" + port();
    }
}
