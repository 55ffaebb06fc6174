package dev.courier.gateway.config;

import java.util.Map;

/**
 * @param replyTopic the shared reply topic; each gateway instance leases one of its partitions
 * @param replyPartitions partitions of the reply topic when the gateway creates it: the most gateway instances at once
 * @param commandPartitions partitions of command topics the gateway creates when missing
 * @param replyGroupId the group under which reply offsets are committed (partitions are assigned, never rebalanced)
 */
public record KafkaSettings(String bootstrapServers, String replyTopic, int replyPartitions, int commandPartitions,
                            int replicationFactor, String replyGroupId, Map<String, String> producerProperties,
                            Map<String, String> consumerProperties) {

    public KafkaSettings {
        producerProperties = Map.copyOf(producerProperties);
        consumerProperties = Map.copyOf(consumerProperties);
    }
}
