package dev.courier.streams.analytics;

import java.nio.ByteBuffer;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Latency histograms as the route analytics keep them: microseconds up to a minute (longer is
 * counted as a minute; no route waits that long), two significant digits, int counts, in
 * HdrHistogram's own encoding. Two histograms add up to the histogram of both, so percentiles stay
 * right when many gateway instances' records meet in one window. Each access record decodes and
 * encodes its window's histograms, so their size is the analytics' cost: int counts over a minute
 * take a fifth of the memory of long counts over an hour.
 */
final class LatencyHistograms {

    private static final long HIGHEST_MICROS = 60_000_000L;
    private static final int SIGNIFICANT_DIGITS = 2;

    private LatencyHistograms() {
    }

    static AbstractHistogram empty() {
        return new IntCountsHistogram(HIGHEST_MICROS, SIGNIFICANT_DIGITS);
    }

    static AbstractHistogram decode(ByteBuffer encoded) {
        if (!encoded.hasRemaining()) {
            return empty();
        }
        try {
            return IntCountsHistogram.decodeFromByteBuffer(encoded.duplicate(), HIGHEST_MICROS);
        } catch (RuntimeException e) {
            throw new IllegalStateException("a stored latency histogram does not decode", e);
        }
    }

    static ByteBuffer encode(AbstractHistogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        histogram.encodeIntoByteBuffer(buffer);
        buffer.flip();
        return buffer;
    }

    /** Records a value, clamped into the trackable range. */
    static void record(AbstractHistogram histogram, long micros) {
        histogram.recordValue(Math.min(Math.max(micros, 0), HIGHEST_MICROS));
    }

    static double percentileMillis(AbstractHistogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    static double maxMillis(AbstractHistogram histogram) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getMaxValue() / 1000.0;
    }
}
