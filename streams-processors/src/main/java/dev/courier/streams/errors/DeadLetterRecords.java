package dev.courier.streams.errors;

import dev.courier.schemas.kafka.CourierHeaders;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letter of a record the processors could not read or process: its original key, value
 * and headers plus the services' error headers, to the processors' dead-letter topic, named in the
 * Streams config under {@value #TOPIC_CONFIG}.
 */
public final class DeadLetterRecords {

    /** The Streams config key the handlers read the dead-letter topic from. */
    public static final String TOPIC_CONFIG = "courier.dead-letters.topic";
    /** Error class of a record whose processing failed for a reason other than its encoding. */
    static final String PROCESSING_FAILED = "ProcessingFailed";

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterRecords.class);

    private DeadLetterRecords() {
    }

    static String topic(Map<String, ?> configs) {
        Object topic = configs.get(TOPIC_CONFIG);
        if (!(topic instanceof String name) || name.isBlank()) {
            throw new ConfigException(TOPIC_CONFIG, topic, "the dead-letter topic must be set");
        }
        return name;
    }

    static ProducerRecord<byte[], byte[]> of(String topic, ErrorHandlerContext context, byte[] key, byte[] value, Headers headers,
                                             String errorClass, Exception error) {
        String message = String.valueOf(error.getMessage());
        LOG.warn("dead letter topic={} partition={} offset={} errorClass={} error={}", context.topic(), context.partition(),
                context.offset(), errorClass, message);
        // Stamped with the poison's own time, as the dead letters the queries send are: the summary counts it when it came.
        return new ProducerRecord<>(topic, null, context.timestamp(), key, value,
                CourierHeaders.deadLetter(headers, errorClass, message, context.topic(), context.partition(), context.offset()));
    }
}
