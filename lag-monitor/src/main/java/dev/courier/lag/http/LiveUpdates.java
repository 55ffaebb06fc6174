package dev.courier.lag.http;

import dev.courier.lag.collect.LagSnapshot;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.HashSet;
import java.util.Set;

/**
 * {@code GET /api/events}: Server-Sent Events, one {@code snapshot} event per round with what the
 * overview shows, so a dashboard updates as the lag changes without reloading. Subscribers live on
 * the verticle's context only; a slow one whose buffer is full misses events rather than holding
 * memory.
 */
final class LiveUpdates {

    private final Context context;
    private final ApiHandlers api;
    private final Set<HttpServerResponse> subscribers = new HashSet<>();

    LiveUpdates(Context context, ApiHandlers api) {
        this.context = context;
        this.api = api;
    }

    void subscribe(RoutingContext routing, LagSnapshot current) {
        HttpServerResponse response = routing.response();
        response.setChunked(true).putHeader("Content-Type", "text/event-stream").putHeader("Cache-Control", "no-store")
                .putHeader("X-Accel-Buffering", "no");
        subscribers.add(response);
        response.closeHandler(closed -> subscribers.remove(response));
        response.write(event(current));
    }

    /** Called from the watcher's thread: the write happens on the verticle's context. */
    void publish(LagSnapshot snapshot) {
        Buffer event = event(snapshot);
        context.runOnContext(ignored -> {
            for (HttpServerResponse response : Set.copyOf(subscribers)) {
                if (!response.writeQueueFull()) {
                    response.write(event);
                }
            }
        });
    }

    private Buffer event(LagSnapshot snapshot) {
        return Buffer.buffer("event: snapshot\ndata: ").appendBytes(ApiHandlers.bytes(api.overview(snapshot))).appendString("\n\n");
    }
}
