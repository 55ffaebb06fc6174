package dev.courier.gateway.reply;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of the reply path, shared by every event loop, and exported as
 * {@code courier_requests_pending} and {@code courier_replies_total{kind}}.
 */
public final class ReplyMetrics {

    private final AtomicLong pending = new AtomicLong();
    private final LongAdder late = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder swept = new LongAdder();
    private final LongAdder unmatched = new LongAdder();

    /** Exports these counts to the registry. */
    public ReplyMetrics bindTo(MeterRegistry registry) {
        Gauge.builder("courier.requests.pending", pending, AtomicLong::get)
                .description("Synchronous requests waiting for their reply").register(registry);
        reply(registry, "received", received, "Replies read from this instance's reply partition");
        reply(registry, "late", late, "Replies that came after their request's deadline; recorded, not answered");
        reply(registry, "unmatched", unmatched, "Replies no request of this instance waited for (asynchronous requests, requests from before a restart)");
        reply(registry, "undecodable", undecodable, "Records on the reply partition without a request id; skipped");
        reply(registry, "swept", swept, "Replies recorded from partitions no instance held");
        return this;
    }

    private static void reply(MeterRegistry registry, String kind, LongAdder count, String description) {
        FunctionCounter.builder("courier.replies", count, LongAdder::sum).tag("kind", kind).description(description).register(registry);
    }

    void pending(int delta) {
        pending.addAndGet(delta);
    }

    void lateReply() {
        late.increment();
    }

    void unmatched() {
        unmatched.increment();
    }

    void received(int count) {
        received.add(count);
    }

    void undecodable() {
        undecodable.increment();
    }

    void swept(int count) {
        swept.add(count);
    }

    /** Synchronous requests waiting for a reply now. */
    public long pending() {
        return pending.get();
    }

    /** Replies that came after their request's deadline: dropped for the client, still recorded. */
    public long lateReplies() {
        return late.sum();
    }

    public long receivedReplies() {
        return received.sum();
    }

    /** Records on the reply partition without a request id; skipped. */
    public long undecodableReplies() {
        return undecodable.sum();
    }

    /** Replies this instance recorded from partitions no instance held (see {@link OrphanReplySweeper}). */
    public long sweptReplies() {
        return swept.sum();
    }
}
