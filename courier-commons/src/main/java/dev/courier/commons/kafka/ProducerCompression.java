package dev.courier.commons.kafka;

import java.io.OutputStream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.utils.ByteBufferOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The codec Courier's producers compress with unless configured: snappy where its native library
 * loads, else lz4.
 *
 * <p>Not lz4 first: Kafka's lz4 stream allocates two 64 KiB buffers per batch, and at low rates a
 * batch is often a single command or reply, which made lz4 the largest source of garbage in the
 * gateway and the services. Snappy reuses its buffers and compresses Courier's records about as
 * well (README, {@code ./bench ProducerCodecs}). But snappy-java has no pure-Java fallback: where
 * its native library does not load (a {@code noexec} temporary folder, an unsupported platform),
 * every send would fail, so lz4, which has one, is used there.
 */
final class ProducerCompression {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerCompression.class);

    /** The record format producers write (v2), as {@code wrapForOutput} wants it. */
    private static final byte RECORD_FORMAT = 2;

    /** Chosen once per process. */
    static final String DEFAULT = snappyLoads() ? "snappy" : "lz4";

    private ProducerCompression() {
    }

    private static boolean snappyLoads() {
        try (OutputStream out = Compression.snappy().build().wrapForOutput(new ByteBufferOutputStream(64), RECORD_FORMAT)) {
            out.write(1);
            return true;
        } catch (Exception | Error e) { // snappy-java fails to load with an Error of its own
            LOG.warn("snappy does not load here, producers compress with lz4 error={}", e.toString());
            return false;
        }
    }
}
