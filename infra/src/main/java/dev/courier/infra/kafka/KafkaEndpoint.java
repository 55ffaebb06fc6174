package dev.courier.infra.kafka;

/** A running Kafka cluster as its clients see it. */
public interface KafkaEndpoint {

    /** The {@code bootstrap.servers} value for clients. */
    String bootstrapServers();
}
