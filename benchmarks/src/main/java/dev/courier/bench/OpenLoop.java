package dev.courier.bench;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Open-loop load: request i is due at {@code start + i / rate}, and its latency counts from that
 * due time, not from when it was actually sent. A stall therefore shows as latency (no coordinated
 * omission) instead of silently lowering the rate.
 */
final class OpenLoop {

    /** What one run measured: latencies from due time, and requests that failed or never completed. */
    record Result(Histogram latency, long failed, long unfinished) {

        String summary(int rate) {
            return String.format("rate=%5d/s  p50=%7.2f ms  p99=%7.2f ms  p99.9=%7.2f ms  max=%7.2f ms  ok=%d failed=%d unfinished=%d",
                    rate, ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)),
                    ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()), latency.getTotalCount(), failed, unfinished);
        }

        private static double ms(long nanos) {
            return nanos / 1e6;
        }
    }

    private OpenLoop() {
    }

    /**
     * Sends at {@code rate} per second for {@code seconds}; {@code send} gets the due time (nanoTime)
     * and completes with true when the answer was the expected one.
     */
    static Result run(int rate, int seconds, LongFunction<CompletionStage<Boolean>> send) {
        Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(1), 3);
        AtomicLong failed = new AtomicLong();
        AtomicLong completed = new AtomicLong();
        long total = (long) rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send.apply(due).whenComplete((ok, error) -> {
                completed.incrementAndGet();
                if (error == null && Boolean.TRUE.equals(ok)) {
                    recorder.recordValue(Math.min(System.nanoTime() - due, TimeUnit.MINUTES.toNanos(1)));
                } else {
                    failed.incrementAndGet();
                }
            });
        }
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (completed.get() < total && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        return new Result(recorder.getIntervalHistogram(), failed.get(), total - completed.get());
    }
}
