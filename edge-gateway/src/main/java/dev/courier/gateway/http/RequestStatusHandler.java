package dev.courier.gateway.http;

import dev.courier.auth.Principal;
import dev.courier.gateway.route.RouteTable;
import dev.courier.gateway.store.RequestRecord;
import dev.courier.gateway.store.RequestStore;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /requests/{id}}: pending, or the outcome the request got, to the principal that sent
 * it only. Anyone else gets 404, so request ids reveal nothing.
 */
public final class RequestStatusHandler implements Handler<RoutingContext> {

    private final BearerAuth auth;
    private final RequestStore store;
    private final Supplier<RouteTable> routes;
    private final OutcomeRenderer renderer;

    public RequestStatusHandler(BearerAuth auth, RequestStore store, Supplier<RouteTable> routes, OutcomeRenderer renderer) {
        this.auth = auth;
        this.store = store;
        this.routes = routes;
        this.renderer = renderer;
    }

    @Override
    public void handle(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        String requestId = routing.pathParam("id");
        Context context = routing.vertx().getOrCreateContext();
        auth.require(exchange, Set.of()).onSuccess(principal -> principal.ifPresent(caller ->
                store.find(requestId).whenComplete((found, error) -> context.runOnContext(ignored -> {
                    if (error != null) {
                        exchange.response().putHeader("Retry-After", "1");
                        exchange.problem(Problem.of(503, "unavailable", "A backing service is unavailable", "Redis did not answer"));
                    } else {
                        answer(exchange, requestId, caller, found);
                    }
                }))));
    }

    private void answer(Exchange exchange, String requestId, Principal caller, Optional<RequestRecord> found) {
        if (found.isEmpty() || !found.get().principal().equals(caller.id())) {
            exchange.problem(Problem.of(404, "request-not-found", "No such request",
                    "no request " + requestId + " of yours is known; outcomes are kept for a limited time"));
            return;
        }
        RequestRecord record = found.get();
        if (record.reply().isEmpty()) {
            exchange.response().putHeader("Retry-After", "1");
            exchange.json(200, RequestStatus.pending(requestId));
            return;
        }
        OutcomeRenderer.Rendered rendered = renderer.render(record.reply().get(), routes.get().named(record.route()));
        exchange.json(200, RequestStatus.completed(requestId, rendered, exchange.context().request().path()));
    }
}
