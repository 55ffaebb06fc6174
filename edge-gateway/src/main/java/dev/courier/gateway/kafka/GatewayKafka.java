package dev.courier.gateway.kafka;

import dev.courier.commons.kafka.DeliveryPolicy;
import dev.courier.gateway.config.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Kafka client settings of the gateway. */
public final class GatewayKafka {

    /** How long the events consumer lets events gather before the broker answers its fetch. */
    public static final int EVENTS_FETCH_WAIT_MS = 20;

    private GatewayKafka() {
    }

    /** How long a topic's partitions stay known to the producer without a send to it: a year, not Kafka's 5 minutes. */
    static final String METADATA_IDLE_MS = Long.toString(Duration.ofDays(365).toMillis());

    /**
     * Idempotent, {@code acks=all} (fixed in {@link DeliveryPolicy}). {@code linger.ms=1}: a lone
     * synchronous request waits at most 1 ms, not Kafka 4's default 5, while records arriving
     * together at load still share a produce request (measured: 1 beat 0 at 1,000 req/s).
     *
     * <p>{@code max.block.ms=0}, fixed: the event loops send themselves ({@code CommandPublisher}),
     * so {@code send} must fail rather than wait for buffer space or metadata. A topic's partitions
     * are fetched before its route goes live and kept known however long it sees no traffic
     * ({@code metadata.max.idle.ms}), so a quiet route's next request does not find them forgotten.
     */
    public static Map<String, Object> producer(KafkaSettings kafka, String clientId) {
        Map<String, String> configured = new HashMap<>(kafka.producerProperties());
        configured.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "0"); // KafkaSettings refuses any other configured value
        configured.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "1");
        configured.putIfAbsent(ProducerConfig.METADATA_MAX_IDLE_CONFIG, METADATA_IDLE_MS);
        configured.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
        configured.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return DeliveryPolicy.producer(kafka.bootstrapServers(), configured, clientId);
    }

    /**
     * Reads one assigned reply partition: no subscription, so no rebalance can move it; offsets are
     * committed under the reply group so a restart resumes where it stopped.
     */
    public static Map<String, Object> replyConsumer(KafkaSettings kafka, String clientId) {
        Map<String, Object> props = DeliveryPolicy.consumer(kafka.bootstrapServers(), kafka.consumerProperties(), clientId, kafka.replyGroupId());
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        return props;
    }

    /**
     * Reads every partition of the cached routes' events topics, assigned, with no group: every
     * instance reads all of them, from their end, and commits nothing. Only committed events: an
     * aborted transaction's event told no change.
     *
     * <p>Events are fetched {@value #EVENTS_FETCH_WAIT_MS} ms at a time unless {@code kafka.consumer.}
     * settings say otherwise: the broker holds the fetch that long unless a megabyte gathers first,
     * rather than answering each event with a fetch and a wake-up of its own (docs/design.md, "Kept
     * fresh by the events"). A write answered here drops its entity at once without the event; the
     * wait only delays what another instance's write drops here.
     */
    public static Map<String, Object> eventsConsumer(KafkaSettings kafka, String clientId) {
        Map<String, Object> props = DeliveryPolicy.consumer(kafka.bootstrapServers(), kafka.consumerProperties(), clientId, "");
        props.remove(CommonClientConfigs.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, Integer.toString(EVENTS_FETCH_WAIT_MS));
        props.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, Integer.toString(1 << 20));
        return props;
    }

    public static Map<String, Object> admin(KafkaSettings kafka) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                CommonClientConfigs.CLIENT_ID_CONFIG, "courier-gateway-admin",
                CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
    }
}
