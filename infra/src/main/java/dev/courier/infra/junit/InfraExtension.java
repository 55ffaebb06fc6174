package dev.courier.infra.junit;

import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.infra.redis.RedisServer;
import dev.courier.infra.testcontainers.ContainerKafka;
import dev.courier.infra.testcontainers.ContainerRedis;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link KafkaEndpoint} and a {@link RedisEndpoint} into test constructors and methods:
 * one real single-node Kafka cluster and one Redis server per test run, each started on first use
 * and stopped (its data deleted) when the run ends. Tests share them, so each uses its own topics
 * (see {@link dev.courier.infra.kafka.TopicAdmin#uniqueName}) and key prefixes. Tests that stop or
 * kill a server build their own {@link KafkaCluster} or {@link RedisServer} instead. The provider
 * follows {@link InfraMode}.
 */
public final class InfraExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KafkaEndpoint.class || type == RedisEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaEndpoint.class
                ? RunScoped.get(context, KafkaEndpoint.class, InfraExtension::startKafka)
                : RunScoped.get(context, RedisEndpoint.class, InfraExtension::startRedis);
    }

    private static RunScoped<KafkaEndpoint> startKafka() {
        if (InfraMode.effective() == InfraMode.TESTCONTAINERS) {
            ContainerKafka container = ContainerKafka.start();
            return new RunScoped<>(container, container::close);
        }
        KafkaCluster cluster = KafkaCluster.builder().start();
        return new RunScoped<>(cluster, cluster::close);
    }

    private static RunScoped<RedisEndpoint> startRedis() {
        if (InfraMode.effective() == InfraMode.TESTCONTAINERS) {
            ContainerRedis container = ContainerRedis.start();
            return new RunScoped<>(container, container::close);
        }
        RedisServer server = RedisServer.builder().start();
        return new RunScoped<>(server, server::close);
    }
}
