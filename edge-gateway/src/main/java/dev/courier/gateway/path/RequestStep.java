package dev.courier.gateway.path;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * One step of a declarative route's request path. It runs on the event loop of the request, must
 * not block, and either hands the call on ({@link CommandCall#next}, now or once something it
 * waits for completes on that loop) or answers the exchange. Policies plug in as steps.
 */
@FunctionalInterface
public interface RequestStep {

    void handle(CommandCall call);

    /** This step as a Vert.x Web handler. */
    static Handler<RoutingContext> handler(RequestStep step) {
        return routing -> step.handle(CommandCall.of(routing));
    }
}
