package dev.courier.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The most a path answers: {@code concurrency} requests always in flight, each sent as soon as one
 * is answered, for a while. What it measures is throughput; latency is the path's at that load.
 */
final class ClosedLoop {

    /** What one run measured. */
    record Result(long ok, Map<String, Long> failures, double seconds, Histogram latency) {

        double perSecond() {
            return ok / seconds;
        }

        String summary(int concurrency) {
            return String.format("concurrency=%d  %.0f req/s  p50=%.2f ms  p99=%.2f ms  ok=%d failed=%s", concurrency, perSecond(),
                    latency.getValueAtPercentile(50) / 1e6, latency.getValueAtPercentile(99) / 1e6, ok, failures);
        }
    }

    private ClosedLoop() {
    }

    /** {@code send} gets the time it was sent (nanoTime) and completes with true when the answer was the expected one. */
    static Result run(int concurrency, int seconds, LongFunction<CompletionStage<Boolean>> send) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        Recorder recorder = new Recorder(TimeUnit.MINUTES.toNanos(1), 3);
        LongAdder ok = new LongAdder();
        Map<String, LongAdder> failures = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long until = start + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < until) {
            if (!inFlight.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long sent = System.nanoTime();
            send.apply(sent).whenComplete((answered, error) -> {
                if (error == null && Boolean.TRUE.equals(answered)) {
                    ok.increment();
                    recorder.recordValue(Math.min(System.nanoTime() - sent, TimeUnit.MINUTES.toNanos(1)));
                } else {
                    String why = error == null ? "unexpected answer" : error.getClass().getSimpleName() + ": " + error.getMessage();
                    failures.computeIfAbsent(why, any -> new LongAdder()).increment();
                }
                inFlight.release();
            });
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        long answered = ok.sum();
        inFlight.tryAcquire(concurrency, 30, TimeUnit.SECONDS);
        Map<String, Long> counted = new TreeMap<>();
        failures.forEach((why, count) -> counted.put(why, count.sum()));
        return new Result(answered, counted, elapsed, recorder.getIntervalHistogram());
    }
}
