package dev.courier.schemas.kafka;

import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.json.JsonToAvro;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Reads a record value in either encoding Courier accepts on a topic: Avro single-object encoding
 * (no content-type, or {@value ContentTypes#AVRO}) or JSON ({@value ContentTypes#JSON} with a
 * {@link CourierHeaders#MESSAGE_TYPE} header). Thread-safe.
 */
public final class MessageReader<T extends SpecificRecord> {

    private final SingleObjectCodec<T> codec;
    private final JsonToAvro json;

    public MessageReader(SingleObjectCodec<T> codec, JsonToAvro json) {
        this.codec = codec;
        this.json = json;
    }

    public DecodeResult<T> read(Headers headers, byte[] value) {
        String contentType = CourierHeaders.lastString(headers, CourierHeaders.CONTENT_TYPE).orElse(null);
        if (ContentTypes.isAvro(contentType)) {
            return codec.decode(value);
        }
        if (!ContentTypes.isJson(contentType)) {
            return DecodeResult.undecodable("unsupported content-type '" + contentType + "'; use " + ContentTypes.JSON + " or none for Avro");
        }
        String messageType = CourierHeaders.lastString(headers, CourierHeaders.MESSAGE_TYPE).orElse(null);
        if (messageType == null) {
            return DecodeResult.undecodable("JSON value without a " + CourierHeaders.MESSAGE_TYPE + " header");
        }
        return codec.family().memberNamed(messageType)
                .<DecodeResult<T>>map(type -> json.read(value, type).map(message -> message))
                .orElseGet(() -> DecodeResult.undecodable(messageType + " is not accepted here (" + codec.family().name() + ")"));
    }
}
