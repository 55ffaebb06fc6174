package dev.courier.infra.junit;

import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.infra.redis.RedisServer;
import dev.courier.infra.testcontainers.ContainerRedis;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link RedisEndpoint} into test constructors and methods: one real Redis server per
 * test run, started on first use and stopped (its data deleted) when the run ends. Tests use their
 * own key prefixes. Tests that stop or kill Redis build their own {@link RedisServer} instead.
 */
public final class RedisExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RedisEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return RunScoped.get(context, RedisEndpoint.class, RedisExtension::start);
    }

    private static RunScoped<RedisEndpoint> start() {
        if (InfraMode.effective() == InfraMode.TESTCONTAINERS) {
            ContainerRedis container = ContainerRedis.start();
            return new RunScoped<>(container, container::close);
        }
        RedisServer server = RedisServer.builder().start();
        return new RunScoped<>(server, server::close);
    }
}
