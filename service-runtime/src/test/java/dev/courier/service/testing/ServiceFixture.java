package dev.courier.service.testing;

import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.service.ServiceDefinition;
import dev.courier.service.ServiceRuntime;
import java.util.Map;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * A service running in this JVM on the shared servers with topics of its own, a client that sends
 * it commands, and a Redis client to look at what it stored.
 */
public final class ServiceFixture implements AutoCloseable {

    private final ServiceRuntime service;
    private final CommandClient client;
    private final RedissonClient redis;

    private ServiceFixture(ServiceRuntime service, CommandClient client, RedissonClient redis) {
        this.service = service;
        this.client = client;
        this.redis = redis;
    }

    /** Starts the service; {@code overrides} are config keys with their values. */
    public static ServiceFixture start(ServiceDefinition definition, KafkaEndpoint kafka, RedisEndpoint redis,
                                       Map<String, String> overrides) {
        ServiceRuntime service = ServiceRuntime.start(TestServices.config(definition.defaults(), kafka, redis, overrides), definition);
        CommandClient client = new CommandClient(kafka, service.config().commandTopic(),
                new SingleObjectCodec<>(definition.commands(), SchemaCatalog.released()));
        return new ServiceFixture(service, client, redisson(redis.uri()));
    }

    /** A Redisson client on this address, for reading what a service stored. */
    public static RedissonClient redisson(String uri) {
        Config config = new Config();
        config.useSingleServer().setAddress(uri);
        return Redisson.create(config);
    }

    public ServiceRuntime service() {
        return service;
    }

    public CommandClient client() {
        return client;
    }

    public RedissonClient redis() {
        return redis;
    }

    @Override
    public void close() {
        client.close();
        service.close();
        redis.shutdown();
    }
}
