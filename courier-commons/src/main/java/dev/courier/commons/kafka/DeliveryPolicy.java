package dev.courier.commons.kafka;

import dev.courier.commons.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The delivery guarantees every Courier Kafka client keeps, fixed here: producers idempotent with
 * {@code acks=all}, consumers that commit only when told. Set explicitly, because conflicting
 * settings can silently switch idempotence off; a configured value that weakens them stops start-up.
 */
public final class DeliveryPolicy {

    /** The config prefix under which producer settings pass through. */
    public static final String PRODUCER_PREFIX = "kafka.producer.";
    /** The config prefix under which consumer settings pass through. */
    public static final String CONSUMER_PREFIX = "kafka.consumer.";

    private DeliveryPolicy() {
    }

    /**
     * Settings for a byte-array producer. {@code configured} are the pass-through settings (without
     * {@value #PRODUCER_PREFIX}); defaults fill what they leave out: {@code linger.ms=5},
     * compression ({@link ProducerCompression}: snappy where it loads) and a bounded {@code max.block.ms}.
     */
    public static Map<String, Object> producer(String bootstrapServers, Map<String, String> configured, String clientId) {
        Map<String, Object> props = new HashMap<>(configured);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, ProducerCompression.DEFAULT);
        // An unreachable topic must not stall a caller for the default 60 s.
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        requireOrSet(props, PRODUCER_PREFIX, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        requireOrSet(props, PRODUCER_PREFIX, ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return props;
    }

    /**
     * Settings for a byte-array consumer that commits only when told. {@code configured} are the
     * pass-through settings (without {@value #CONSUMER_PREFIX}); defaults fill what they leave out:
     * the classic group protocol (with kafka-clients 4.3.1 the KIP-848 consumer now and then holds
     * the first record after an idle spell for a whole {@code fetch.max.wait.ms}, see KAFKA-19259;
     * ./bench GatewayLoad: 9 of 29 load phases, classic 0 of 10) and reading from the earliest offset.
     */
    public static Map<String, Object> consumer(String bootstrapServers, Map<String, String> configured, String clientId, String groupId) {
        Map<String, Object> props = new HashMap<>(configured);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.put(CommonClientConfigs.GROUP_ID_CONFIG, groupId);
        props.putIfAbsent(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        requireOrSet(props, CONSUMER_PREFIX, ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    /** Sets {@code key} to {@code required}, failing when it was configured to anything else. */
    public static void requireOrSet(Map<String, Object> props, String prefix, String key, String required) {
        Object configured = props.put(key, required);
        if (configured != null && !required.equalsIgnoreCase(configured.toString().trim())) {
            throw new ConfigException(prefix + key, "must be " + required + " for at-least-once delivery, was '" + configured + "'");
        }
    }
}
