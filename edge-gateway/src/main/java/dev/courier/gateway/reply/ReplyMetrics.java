package dev.courier.gateway.reply;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the reply path, shared by every event loop. */
public final class ReplyMetrics {

    private final AtomicLong pending = new AtomicLong();
    private final LongAdder late = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder swept = new LongAdder();

    void pending(int delta) {
        pending.addAndGet(delta);
    }

    void lateReply() {
        late.increment();
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
