package dev.courier.gateway.reply;

import dev.courier.gateway.store.ArrivedReply;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Synchronous requests waiting for their reply, on one event-loop context: every method must be
 * called on that context, so the map needs no locks. A waiter ends with the reply bytes, or empty
 * when its deadline passes first; a reply that comes after that is counted as late.
 */
public final class PendingReplies {

    private static final int REMEMBERED_EXPIRIES = 10_000;

    private final Vertx vertx;
    private final ReplyMetrics metrics;
    private final Map<String, Waiter> waiting = new HashMap<>();
    private final Map<String, Boolean> expired = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > REMEMBERED_EXPIRIES;
        }
    };

    public PendingReplies(Vertx vertx, ReplyMetrics metrics) {
        this.vertx = vertx;
        this.metrics = metrics;
    }

    /**
     * Waits for the reply to {@code requestId} for at most {@code timeoutMillis}. A second wait for the
     * same id (a retry racing its original) shares the first one's outcome.
     */
    public Future<Optional<byte[]>> await(String requestId, long timeoutMillis) {
        Waiter existing = waiting.get(requestId);
        if (existing != null) {
            return existing.promise.future();
        }
        Promise<Optional<byte[]>> promise = Promise.promise();
        long timer = vertx.setTimer(timeoutMillis, id -> expire(requestId));
        waiting.put(requestId, new Waiter(promise, timer));
        metrics.pending(1);
        return promise.future();
    }

    /** Gives up waiting without an outcome, e.g. when the command could not be sent. */
    public void cancel(String requestId) {
        Waiter waiter = waiting.remove(requestId);
        if (waiter != null) {
            vertx.cancelTimer(waiter.timer);
            metrics.pending(-1);
        }
    }

    /** Completes the waiters these replies answer. */
    public void complete(List<ArrivedReply> replies) {
        for (ArrivedReply reply : replies) {
            Waiter waiter = waiting.remove(reply.requestId());
            if (waiter != null) {
                vertx.cancelTimer(waiter.timer);
                metrics.pending(-1);
                waiter.promise.tryComplete(Optional.of(reply.value()));
            } else if (expired.remove(reply.requestId()) != null) {
                metrics.lateReply();
            } else {
                metrics.unmatched();
            }
        }
    }

    public int size() {
        return waiting.size();
    }

    private void expire(String requestId) {
        Waiter waiter = waiting.remove(requestId);
        if (waiter != null) {
            metrics.pending(-1);
            expired.put(requestId, Boolean.TRUE);
            waiter.promise.tryComplete(Optional.empty());
        }
    }

    private record Waiter(Promise<Optional<byte[]>> promise, long timer) {
    }
}
