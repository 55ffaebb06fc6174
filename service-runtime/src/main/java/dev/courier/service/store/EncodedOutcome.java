package dev.courier.service.store;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A command's outcome as the exact bytes sent: the reply and each event in Avro single-object
 * encoding. Stored under the request id, so a redelivered command is answered byte for byte as
 * before, and its events go out again if they were lost on the way.
 *
 * @param reply the encoded reply
 * @param events the encoded events with their keys
 */
public record EncodedOutcome(byte[] reply, List<EncodedEvent> events) {

    private static final byte FORMAT = 1;

    public EncodedOutcome {
        events = List.copyOf(events);
    }

    /** One encoded event and its record key. */
    public record EncodedEvent(String key, byte[] value) {
    }

    /** The same reply without the events: what a redelivery answers once the events were published. */
    public EncodedOutcome withoutEvents() {
        return new EncodedOutcome(reply, List.of());
    }

    /** The stored form: a format byte, then length-prefixed reply, then count and each event. */
    public byte[] toBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(reply.length + 64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeBytes(out, reply);
            out.writeInt(events.size());
            for (EncodedEvent event : events) {
                out.writeUTF(event.key());
                writeBytes(out, event.value());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static EncodedOutcome fromBytes(byte[] stored) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(stored))) {
            byte format = in.readByte();
            if (format != FORMAT) {
                throw new IllegalStateException("stored outcome has unknown format " + format);
            }
            byte[] reply = readBytes(in);
            int count = in.readInt();
            List<EncodedEvent> events = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                events.add(new EncodedEvent(in.readUTF(), readBytes(in)));
            }
            return new EncodedOutcome(reply, events);
        } catch (IOException e) {
            throw new IllegalStateException("stored outcome is truncated", e);
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] value) throws IOException {
        out.writeInt(value.length);
        out.write(value);
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        return in.readNBytes(in.readInt());
    }
}
