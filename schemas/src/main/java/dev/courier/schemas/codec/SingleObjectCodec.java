package dev.courier.schemas.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Avro single-object encoding (marker {@code C3 01}, 8-byte little-endian schema fingerprint, binary
 * body) for the members of one {@link MessageFamily}. Writes with the current schema of each
 * member; reads any writer version the {@link SchemaCatalog} knows and resolves it to the current
 * reader schema. Thread-safe.
 *
 * @param <T> the family's common supertype
 */
public final class SingleObjectCodec<T extends SpecificRecord> {

    /** Bytes before the body: the two-byte marker and the eight-byte fingerprint. */
    public static final int HEADER_LENGTH = 10;
    private static final byte MARKER_0 = (byte) 0xC3;
    private static final byte MARKER_1 = (byte) 0x01;

    private final MessageFamily<T> family;
    private final SchemaCatalog catalog;
    private final Map<Class<?>, BinaryMessageEncoder<T>> encoders = new HashMap<>();
    private final Map<String, BinaryMessageDecoder<T>> decodersByFullName = new HashMap<>();

    public SingleObjectCodec(MessageFamily<T> family, SchemaCatalog catalog) {
        this.family = family;
        this.catalog = catalog;
        for (Class<? extends T> member : family.members()) {
            Schema schema = MessageFamily.schemaOf(member);
            SpecificData model = SpecificData.getForClass(member);
            encoders.put(member, new BinaryMessageEncoder<>(model, schema));
            decodersByFullName.put(schema.getFullName(), new BinaryMessageDecoder<>(model, schema, catalog));
        }
    }

    /** The message in single-object encoding; a message outside the family is a bug. */
    public byte[] encode(T message) {
        BinaryMessageEncoder<T> encoder = encoders.get(message.getClass());
        if (encoder == null) {
            throw new IllegalArgumentException(message.getClass().getName() + " is not a member of " + family);
        }
        try {
            ByteBuffer buffer = encoder.encode(message);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** The message these bytes hold, or why they hold none. */
    public DecodeResult<T> decode(byte[] bytes) {
        if (bytes == null || bytes.length < HEADER_LENGTH || bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
            return DecodeResult.undecodable("not Avro single-object encoding (no C3 01 marker)");
        }
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        Schema writer = catalog.findByFingerprint(fingerprint);
        if (writer == null) {
            return DecodeResult.undecodable("unknown schema fingerprint " + Long.toHexString(fingerprint));
        }
        BinaryMessageDecoder<T> decoder = decodersByFullName.get(writer.getFullName());
        if (decoder == null) {
            return DecodeResult.undecodable(writer.getFullName() + " is not accepted here (" + family.name() + ")");
        }
        try {
            return DecodeResult.decoded(decoder.decode(bytes));
        } catch (IOException | RuntimeException e) {
            // Untrusted bytes can break the binary decoder in many ways; each means "malformed".
            return DecodeResult.undecodable("malformed " + writer.getFullName() + " body: " + e.getMessage());
        }
    }

    public MessageFamily<T> family() {
        return family;
    }
}
