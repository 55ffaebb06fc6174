package dev.courier.gateway.reply;

import dev.courier.gateway.store.ArrivedReply;
import dev.courier.gateway.store.RequestOrigin;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Synchronous requests waiting for their reply, on one event-loop context: every method but
 * {@link #deliver} must be called on that context, so the map needs no locks. A waiter ends with
 * the reply, or empty when its deadline passes first; a reply that comes after that is
 * counted as late. The {@link ReplyRouter} knows which loop waits for which id.
 */
public final class PendingReplies {

    private final Context context;
    private final ReplyRouter router;
    private final ReplyMetrics metrics;
    private final Map<String, Waiter> waiting = new HashMap<>();

    public PendingReplies(Context context, ReplyRouter router, ReplyMetrics metrics) {
        this.context = context;
        this.router = router;
        this.metrics = metrics;
    }

    /**
     * Waits for the reply to {@code requestId} for at most {@code timeoutMillis}. A second wait for the
     * same id (a retry racing its original) shares the first one's outcome.
     */
    public Future<Optional<ArrivedReply>> await(String requestId, RequestOrigin origin, long timeoutMillis) {
        Waiter existing = waiting.get(requestId);
        if (existing != null) {
            return existing.promise.future();
        }
        Promise<Optional<ArrivedReply>> promise = Promise.promise();
        long timer = context.owner().setTimer(timeoutMillis, id -> expire(requestId));
        waiting.put(requestId, new Waiter(promise, timer));
        router.waitFor(requestId, this, origin);
        metrics.pending(1);
        return promise.future();
    }

    /** Gives up waiting without an outcome, e.g. when the command could not be sent. */
    public void cancel(String requestId) {
        Waiter waiter = waiting.remove(requestId);
        if (waiter != null) {
            context.owner().cancelTimer(waiter.timer);
            router.stopWaiting(requestId, this, false);
            metrics.pending(-1);
        }
    }

    /** Hands replies this loop waits for over to its context; callable from any thread. */
    void deliver(List<ArrivedReply> replies) {
        context.runOnContext(ignored -> complete(replies));
    }

    /** Completes the waiters these replies answer. */
    void complete(List<ArrivedReply> replies) {
        for (ArrivedReply reply : replies) {
            Waiter waiter = waiting.remove(reply.requestId());
            if (waiter != null) {
                context.owner().cancelTimer(waiter.timer);
                metrics.pending(-1);
                waiter.promise.tryComplete(Optional.of(reply));
            } else {
                // Routed here just as the deadline passed.
                metrics.lateReply();
            }
        }
    }

    public int size() {
        return waiting.size();
    }

    private void expire(String requestId) {
        Waiter waiter = waiting.remove(requestId);
        if (waiter != null) {
            router.stopWaiting(requestId, this, true);
            metrics.pending(-1);
            waiter.promise.tryComplete(Optional.empty());
        }
    }

    private record Waiter(Promise<Optional<ArrivedReply>> promise, long timer) {
    }
}
