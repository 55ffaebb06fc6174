package dev.courier.streams.analytics;

import java.nio.ByteBuffer;
import org.HdrHistogram.Histogram;

/**
 * Latency histograms as the route analytics keep them: microseconds up to an hour, two significant
 * digits, in HdrHistogram's own encoding. Two histograms add up to the histogram of both, so
 * percentiles stay right when many gateway instances' records meet in one window.
 */
final class LatencyHistograms {

    private static final long HIGHEST_MICROS = 3_600_000_000L;
    private static final int SIGNIFICANT_DIGITS = 2;

    private LatencyHistograms() {
    }

    static Histogram empty() {
        return new Histogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    static Histogram decode(ByteBuffer encoded) {
        if (!encoded.hasRemaining()) {
            return empty();
        }
        try {
            return Histogram.decodeFromByteBuffer(encoded.duplicate(), HIGHEST_MICROS);
        } catch (RuntimeException e) {
            throw new IllegalStateException("a stored latency histogram does not decode", e);
        }
    }

    static ByteBuffer encode(Histogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        histogram.encodeIntoByteBuffer(buffer);
        buffer.flip();
        return buffer;
    }

    /** Records a value, clamped into the trackable range. */
    static void record(Histogram histogram, long micros) {
        histogram.recordValue(Math.min(Math.max(micros, 0), HIGHEST_MICROS));
    }

    static double percentileMillis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMillis(Histogram histogram) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
    }
}
