package dev.courier.infra.testcontainers;

import dev.courier.infra.kafka.KafkaEndpoint;
import org.testcontainers.kafka.KafkaContainer;

/** A single-node Kafka in a container, for machines with Docker. */
public final class ContainerKafka implements KafkaEndpoint, AutoCloseable {

    /** Image matching the client version Courier builds against. */
    public static final String IMAGE = "apache/kafka:4.1.0";

    private final KafkaContainer container;

    private ContainerKafka(KafkaContainer container) {
        this.container = container;
    }

    public static ContainerKafka start() {
        KafkaContainer container = new KafkaContainer(IMAGE).withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        container.start();
        return new ContainerKafka(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public void close() {
        container.stop();
    }
}
