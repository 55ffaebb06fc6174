package dev.courier.streams.query;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.RecordContext;
import org.apache.kafka.streams.processor.StreamPartitioner;
import org.apache.kafka.streams.processor.TopicNameExtractor;

/**
 * A record whose destination is decided per record: a reply to the address its query named, or a
 * dead letter. One sink writes them all: the topic and partition come from here, the bytes as they are.
 *
 * @param topic where it goes
 * @param partition the partition, or null to let the key decide
 * @param value the encoded value
 */
public record Outgoing(String topic, Integer partition, byte[] value) {

    /** The sink's topic: the record's own. */
    public static final TopicNameExtractor<byte[], Outgoing> TOPIC = new TopicNameExtractor<>() {
        @Override
        public String extract(byte[] key, Outgoing outgoing, RecordContext context) {
            return outgoing.topic();
        }
    };

    /** The sink's partition: the record's own, or the key's hash when it names none. */
    public static final StreamPartitioner<byte[], Outgoing> PARTITION = new StreamPartitioner<>() {
        @Override
        public Optional<Set<Integer>> partitions(String topic, byte[] key, Outgoing outgoing, int partitions) {
            return outgoing.partition() == null ? Optional.empty() : Optional.of(Set.of(outgoing.partition()));
        }
    };

    /** Writes the value's bytes; nothing reads an {@code Outgoing} back. */
    public static final Serde<Outgoing> SERDE = Serdes.serdeFrom(new Serializer<>() {
        @Override
        public byte[] serialize(String topic, Outgoing outgoing) {
            return outgoing == null ? null : outgoing.value();
        }
    }, new Deserializer<>() {
        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
        }

        @Override
        public Outgoing deserialize(String topic, byte[] data) {
            throw new UnsupportedOperationException("outgoing records are written, never read");
        }
    });
}
