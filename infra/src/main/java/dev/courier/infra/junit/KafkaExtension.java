package dev.courier.infra.junit;

import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.testcontainers.ContainerKafka;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Injects a {@link KafkaEndpoint} into test constructors and methods: one real single-node
 * cluster per test run, started on first use and stopped (its data deleted) when the run ends.
 * Tests must not depend on the topics of others: each creates its own, with unique names.
 * Tests that stop or kill brokers build their own {@link KafkaCluster} instead.
 */
public final class KafkaExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == KafkaEndpoint.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return RunScoped.get(context, KafkaEndpoint.class, KafkaExtension::start);
    }

    private static RunScoped<KafkaEndpoint> start() {
        if (InfraMode.effective() == InfraMode.TESTCONTAINERS) {
            ContainerKafka container = ContainerKafka.start();
            return new RunScoped<>(container, container::close);
        }
        KafkaCluster cluster = KafkaCluster.builder().start();
        return new RunScoped<>(cluster, cluster::close);
    }
}
