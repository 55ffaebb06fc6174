package dev.courier.gateway.reply;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.courier.gateway.store.ArrivedReply;
import dev.courier.gateway.store.ReplyToRecord;
import dev.courier.gateway.store.RequestOrigin;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which event loops wait for which request ids, across all of them. The reply consumer's thread
 * routes each batch to the loops that wait, one hop per loop, and learns for each reply what to
 * record: a request someone waited for (or recently stopped waiting for) is recorded whole with
 * its origin, so a synchronous request needs no record before it is produced.
 */
public final class ReplyRouter {

    private static final int REMEMBERED_EXPIRIES = 100_000;

    private final ReplyMetrics metrics;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    /** Requests whose deadline passed: a reply that comes later is late, and still recorded whole. */
    private final Cache<String, RequestOrigin> expired = Caffeine.newBuilder().maximumSize(REMEMBERED_EXPIRIES).build();

    public ReplyRouter(ReplyMetrics metrics) {
        this.metrics = metrics;
    }

    /** A loop waits for {@code requestId}; a retry waiting on another loop at the same time shares the reply. */
    void waitFor(String requestId, PendingReplies loop, RequestOrigin origin) {
        waiting.merge(requestId, new Waiting(List.of(loop), origin), (present, added) -> present.with(loop));
    }

    /** A loop no longer waits: its deadline passed ({@code expired}) or the command could not be sent. */
    void stopWaiting(String requestId, PendingReplies loop, boolean expired) {
        // Absent: the reply is on its way to this loop already, which counts it as late. The expiry is
        // remembered inside the compute, so route() can never see the id in neither map.
        waiting.computeIfPresent(requestId, (id, present) -> {
            Waiting rest = present.without(loop);
            if (rest == null && expired) {
                this.expired.put(requestId, present.origin());
            }
            return rest;
        });
    }

    /**
     * Hands these replies to the loops waiting for them and says what to record for each. Called on
     * the reply consumer's thread.
     */
    public List<ReplyToRecord> route(List<ArrivedReply> replies) {
        List<ReplyToRecord> toRecord = new ArrayList<>(replies.size());
        Map<PendingReplies, List<ArrivedReply>> byLoop = new IdentityHashMap<>();
        for (ArrivedReply reply : replies) {
            Waiting waiter = waiting.remove(reply.requestId());
            if (waiter != null) {
                waiter.loops().forEach(loop -> byLoop.computeIfAbsent(loop, ignored -> new ArrayList<>()).add(reply));
                toRecord.add(new ReplyToRecord(reply, Optional.of(waiter.origin())));
                continue;
            }
            RequestOrigin late = expired.asMap().remove(reply.requestId());
            if (late != null) {
                metrics.lateReply();
            } else {
                metrics.unmatched();
            }
            toRecord.add(new ReplyToRecord(reply, Optional.ofNullable(late)));
        }
        byLoop.forEach(PendingReplies::deliver);
        return toRecord;
    }

    /** The loops waiting for one request id, and who sent it. */
    private record Waiting(List<PendingReplies> loops, RequestOrigin origin) {

        Waiting with(PendingReplies loop) {
            if (loops.contains(loop)) {
                return this;
            }
            List<PendingReplies> more = new ArrayList<>(loops);
            more.add(loop);
            return new Waiting(List.copyOf(more), origin);
        }

        /** Null when no loop is left, which removes the entry. */
        Waiting without(PendingReplies loop) {
            List<PendingReplies> rest = loops.stream().filter(other -> other != loop).toList();
            return rest.isEmpty() ? null : new Waiting(rest, origin);
        }
    }
}
