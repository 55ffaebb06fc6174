package dev.courier.gateway.http;

import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

/**
 * Inflates a gzip request body without ever producing more than the limit: a decompression bomb
 * stops at the first chunk past it, whatever it would have grown to.
 */
final class GzipBodies {

    private static final int CHUNK = 8 * 1024;

    /** What inflating gave. */
    sealed interface Inflated {
    }

    record Body(Buffer bytes) implements Inflated {
    }

    record TooLarge() implements Inflated {
    }

    /** Not gzip, truncated, or a checksum that does not match. */
    record Corrupt(String reason) implements Inflated {
    }

    private GzipBodies() {
    }

    static Inflated inflate(Buffer compressed, long limit) {
        Buffer inflated = Buffer.buffer((int) Math.min(limit, 4L * compressed.length()));
        byte[] chunk = new byte[CHUNK];
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed.getBytes()), CHUNK)) {
            for (int read = in.read(chunk); read != -1; read = in.read(chunk)) {
                if (inflated.length() + read > limit) {
                    return new TooLarge();
                }
                inflated.appendBytes(chunk, 0, read);
            }
        } catch (IOException e) {
            return new Corrupt(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
        return new Body(inflated);
    }
}
