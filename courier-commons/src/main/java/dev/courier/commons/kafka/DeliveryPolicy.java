package dev.courier.commons.kafka;

import dev.courier.commons.config.ConfigException;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The delivery guarantees every Courier Kafka client keeps, fixed here: producers idempotent with
 * {@code acks=all}, consumers that commit only when told. Set explicitly, because conflicting
 * settings can silently switch idempotence off; a configured value that weakens them stops start-up.
 */
public final class DeliveryPolicy {

    /** The config prefix under which producer settings pass through. */
    public static final String PRODUCER_PREFIX = "kafka.producer.";

    private DeliveryPolicy() {
    }

    /**
     * Settings for a byte-array producer. {@code configured} are the pass-through settings (without
     * {@value #PRODUCER_PREFIX}); defaults fill what they leave out: {@code linger.ms=5},
     * lz4 compression and a bounded {@code max.block.ms}.
     */
    public static Map<String, Object> producer(String bootstrapServers, Map<String, String> configured, String clientId) {
        Map<String, Object> props = new HashMap<>(configured);
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // An unreachable topic must not stall a caller for the default 60 s.
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        requireOrSet(props, PRODUCER_PREFIX, ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        requireOrSet(props, PRODUCER_PREFIX, ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
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
