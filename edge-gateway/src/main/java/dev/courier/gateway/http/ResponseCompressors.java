package dev.courier.gateway.http;

import io.netty.handler.codec.compression.CompressionOptions;
import io.netty.handler.codec.compression.StandardCompressionOptions;
import io.netty.handler.codec.compression.Zstd;
import java.util.ArrayList;
import java.util.List;

/**
 * The codings responses may be compressed with, the client's {@code Accept-Encoding} choosing:
 * gzip and deflate always, zstd when its native library (zstd-jni, which Kafka's client brings)
 * loads on this machine. Brotli is left out: Netty's encoder needs brotli4j's native library, one
 * more native dependency for a coding that gains little over gzip on small JSON.
 */
final class ResponseCompressors {

    private static final int WINDOW_BITS = 15;
    private static final int MEMORY_LEVEL = 8;

    private ResponseCompressors() {
    }

    static List<CompressionOptions> of(int level) {
        List<CompressionOptions> compressors = new ArrayList<>();
        compressors.add(StandardCompressionOptions.gzip(level, WINDOW_BITS, MEMORY_LEVEL));
        compressors.add(StandardCompressionOptions.deflate(level, WINDOW_BITS, MEMORY_LEVEL));
        if (Zstd.isAvailable()) {
            compressors.add(StandardCompressionOptions.zstd());
        }
        return compressors;
    }
}
