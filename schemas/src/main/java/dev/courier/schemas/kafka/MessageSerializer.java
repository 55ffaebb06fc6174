package dev.courier.schemas.kafka;

import dev.courier.schemas.codec.SingleObjectCodec;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serializer;

/** Kafka serializer writing Avro single-object encoding for the members of one message family. */
public final class MessageSerializer<T extends SpecificRecord> implements Serializer<T> {

    private final SingleObjectCodec<T> codec;

    public MessageSerializer(SingleObjectCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return data == null ? null : codec.encode(data);
    }
}
