package dev.courier.schemas.kafka;

import dev.courier.schemas.codec.DecodeResult;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Kafka deserializer for the members of one message family, in either accepted encoding. Bad
 * input is a {@link SerializationException} saying what was wrong, as Kafka's contract asks;
 * consumers that must route bad records to a dead-letter topic read bytes and use
 * {@link MessageReader} instead, which returns the failure as a value.
 */
public final class MessageDeserializer<T extends SpecificRecord> implements Deserializer<T> {

    private final MessageReader<T> reader;

    public MessageDeserializer(MessageReader<T> reader) {
        this.reader = reader;
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return deserialize(topic, new RecordHeaders(), data);
    }

    @Override
    public T deserialize(String topic, Headers headers, byte[] data) {
        if (data == null) {
            return null;
        }
        DecodeResult<T> result = reader.read(headers, data);
        if (result instanceof DecodeResult.Decoded<T> decoded) {
            return decoded.message();
        }
        DecodeResult.Undecodable<T> failure = (DecodeResult.Undecodable<T>) result;
        throw new SerializationException("cannot read record of " + topic + ": " + failure.reason()
                + (failure.violations().isEmpty() ? "" : " " + failure.violations()));
    }
}
