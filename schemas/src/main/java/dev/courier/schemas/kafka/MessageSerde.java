package dev.courier.schemas.kafka;

import dev.courier.schemas.codec.MessageFamily;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.json.JsonToAvro;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/** Serializer and deserializer of one message family, sharing one codec. */
public final class MessageSerde<T extends SpecificRecord> implements Serde<T> {

    private final SingleObjectCodec<T> codec;
    private final MessageReader<T> reader;

    public MessageSerde(SingleObjectCodec<T> codec, JsonToAvro json) {
        this.codec = codec;
        this.reader = new MessageReader<>(codec, json);
    }

    /** A serde over the released schema versions, reading JSON within the default limits. */
    public static <T extends SpecificRecord> MessageSerde<T> of(MessageFamily<T> family) {
        return new MessageSerde<>(new SingleObjectCodec<>(family, SchemaCatalog.released()), new JsonToAvro());
    }

    public SingleObjectCodec<T> codec() {
        return codec;
    }

    public MessageReader<T> reader() {
        return reader;
    }

    @Override
    public Serializer<T> serializer() {
        return new MessageSerializer<>(codec);
    }

    @Override
    public Deserializer<T> deserializer() {
        return new MessageDeserializer<>(reader);
    }
}
