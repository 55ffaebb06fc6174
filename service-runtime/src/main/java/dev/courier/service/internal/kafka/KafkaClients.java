package dev.courier.service.internal.kafka;

import dev.courier.commons.kafka.DeliveryPolicy;
import dev.courier.service.config.ServiceConfig;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;

/** Producer and consumer settings: the delivery guarantees are fixed here, the rest passes through. */
public final class KafkaClients {

    private KafkaClients() {
    }

    /**
     * An idempotent producer with {@code acks=all}. A batch of replies and events ends with
     * {@code flush()}, which sends at once, so {@code linger.ms} only groups the records of a batch
     * while it is being produced and never delays the last one.
     */
    public static Map<String, Object> producer(ServiceConfig config, String clientId) {
        return DeliveryPolicy.producer(config.bootstrapServers(), config.producerProperties(), clientId);
    }

    /** A consumer that never commits by itself: the command loop commits after replies and events are acknowledged. */
    public static Map<String, Object> consumer(ServiceConfig config, String clientId) {
        Map<String, Object> props = DeliveryPolicy.consumer(config.bootstrapServers(), config.consumerProperties(), clientId, config.groupId());
        // Cooperative rebalances: a new instance takes partitions without stopping the others.
        props.putIfAbsent(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, Integer.toString(config.maxPollRecords()));
        return props;
    }

    /** Admin client settings for creating topics at start. */
    public static Map<String, Object> admin(ServiceConfig config) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                CommonClientConfigs.CLIENT_ID_CONFIG, config.serviceName() + "-admin");
    }
}
