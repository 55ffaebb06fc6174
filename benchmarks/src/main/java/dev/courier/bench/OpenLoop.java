package dev.courier.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
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

    /**
     * What one run measured: latencies from due time, the same for requests due after the first
     * second (so a stall as the load begins can be told from the steady state), requests that
     * failed (counted by why) and requests that never completed.
     */
    record Result(Histogram latency, Histogram afterFirstSecond, Map<String, Long> failures, long unfinished) {

        String summary(int rate) {
            long failed = failures.values().stream().mapToLong(Long::longValue).sum();
            return String.format("rate=%5d/s  p50=%7.2f ms  p99=%7.2f ms  p99.9=%7.2f ms  max=%7.2f ms  ok=%d failed=%d unfinished=%d%s"
                            + "  | after 1 s: p99=%.2f ms",
                    rate, ms(latency.getValueAtPercentile(50)), ms(latency.getValueAtPercentile(99)),
                    ms(latency.getValueAtPercentile(99.9)), ms(latency.getMaxValue()), latency.getTotalCount(), failed, unfinished,
                    failures.isEmpty() ? "" : " " + failures, ms(afterFirstSecond.getValueAtPercentile(99)));
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
        Recorder afterFirstSecond = new Recorder(TimeUnit.MINUTES.toNanos(1), 3);
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        AtomicLong completed = new AtomicLong();
        long total = (long) rate * seconds;
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        long firstSecondEnds = start + TimeUnit.SECONDS.toNanos(1);
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            send.apply(due).whenComplete((ok, error) -> {
                completed.incrementAndGet();
                if (error == null && Boolean.TRUE.equals(ok)) {
                    long latency = Math.min(System.nanoTime() - due, TimeUnit.MINUTES.toNanos(1));
                    recorder.recordValue(latency);
                    if (due >= firstSecondEnds) {
                        afterFirstSecond.recordValue(latency);
                    }
                } else {
                    String why = error == null ? "unexpected answer" : error.getClass().getSimpleName() + ": " + error.getMessage();
                    failures.computeIfAbsent(why, any -> new LongAdder()).increment();
                }
            });
        }
        long drainUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (completed.get() < total && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
        Map<String, Long> counted = new TreeMap<>();
        failures.forEach((why, count) -> counted.put(why, count.sum()));
        return new Result(recorder.getIntervalHistogram(), afterFirstSecond.getIntervalHistogram(), counted, total - completed.get());
    }
}
