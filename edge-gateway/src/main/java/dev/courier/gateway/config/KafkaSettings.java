package dev.courier.gateway.config;

import dev.courier.commons.config.ConfigException;
import dev.courier.commons.kafka.DeliveryPolicy;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * @param replyTopic the shared reply topic; each gateway instance leases one of its partitions
 * @param replyPartitions partitions of the reply topic when the gateway creates it: the most gateway instances at once
 * @param commandPartitions partitions of command topics the gateway creates when missing
 * @param replyGroupId the group under which reply offsets are committed (partitions are assigned, never rebalanced)
 * @param producerProperties passed to the producer; {@code max.block.ms} may only be 0, the value the gateway sets
 */
public record KafkaSettings(String bootstrapServers, String replyTopic, int replyPartitions, int commandPartitions,
                            int replicationFactor, String replyGroupId, Map<String, String> producerProperties,
                            Map<String, String> consumerProperties) {

    public KafkaSettings {
        String maxBlock = producerProperties.get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        if (maxBlock != null && !maxBlock.trim().equals("0")) {
            throw new ConfigException(DeliveryPolicy.PRODUCER_PREFIX + ProducerConfig.MAX_BLOCK_MS_CONFIG,
                    "must be 0: the gateway sends from its event loops, which must never wait; was '" + maxBlock + "'");
        }
        producerProperties = Map.copyOf(producerProperties);
        consumerProperties = Map.copyOf(consumerProperties);
    }
}
