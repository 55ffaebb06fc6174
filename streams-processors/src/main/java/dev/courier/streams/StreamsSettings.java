package dev.courier.streams;

import dev.courier.streams.config.ProcessorConfig;
import dev.courier.streams.errors.DeadLetterRecords;
import dev.courier.streams.errors.FailedRecords;
import dev.courier.streams.errors.UndecodableRecords;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/** The Kafka Streams properties of the processors: the configured ones, then what Courier requires. */
final class StreamsSettings {

    private StreamsSettings() {
    }

    static Properties of(ProcessorConfig config) {
        Properties props = new Properties();
        props.putAll(config.streamsProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.applicationId());
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        // Every view counts each event once and every query is answered once, across crashes.
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.stateDir().toString());
        // Streams lingers 100 ms before sending by default: every reply would wait that long.
        props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 5);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, config.replicationFactor());
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableRecords.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, FailedRecords.class.getName());
        props.put(DeadLetterRecords.TOPIC_CONFIG, config.deadLetterTopic());
        return props;
    }
}
