package dev.courier.schemas.topic;

import java.util.Objects;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.Serde;

/**
 * A Kafka topic with the types of its keys and values, declared once in {@link Topics} and used by
 * producers and consumers alike.
 *
 * @param name the topic name
 * @param keySerde how keys are written and read
 * @param valueSerde how values are written and read
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde) {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public Topic {
        if (name == null || !LEGAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a legal Kafka topic name: " + name);
        }
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
    }

    /** The same topic under another name, e.g. one set in configuration. */
    public Topic<K, V> named(String otherName) {
        return new Topic<>(otherName, keySerde, valueSerde);
    }

    @Override
    public String toString() {
        return name;
    }
}
