package dev.courier.gateway.reply;

import dev.courier.gateway.store.ArrivedReply;
import io.vertx.core.Context;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands each batch of replies to every event loop that has waiters, in one hop per loop; each loop
 * completes the waiters it owns.
 */
public final class ReplyDispatch {

    private final List<Registered> loops = new CopyOnWriteArrayList<>();

    public void register(Context context, PendingReplies pending) {
        loops.add(new Registered(context, pending));
    }

    public void unregister(PendingReplies pending) {
        loops.removeIf(loop -> loop.pending == pending);
    }

    public void dispatch(List<ArrivedReply> replies) {
        for (Registered loop : loops) {
            loop.context.runOnContext(ignored -> loop.pending.complete(replies));
        }
    }

    private record Registered(Context context, PendingReplies pending) {
    }
}
