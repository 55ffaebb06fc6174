package dev.courier.gateway.path;

import dev.courier.gateway.http.Problem;
import dev.courier.gateway.route.RouteMatch;
import dev.courier.gateway.route.RouteTable;
import io.vertx.core.http.HttpServerRequest;
import java.util.function.Supplier;

/**
 * Finds the route of the request's host, method and path in the table in force: 404 when there is
 * none, 405 with {@code Allow}. The request keeps the route it matched, whatever a reload does later.
 */
final class MatchStep implements RequestStep {

    private final Supplier<RouteTable> routes;

    MatchStep(Supplier<RouteTable> routes) {
        this.routes = routes;
    }

    @Override
    public void handle(CommandCall call) {
        HttpServerRequest request = call.routing().request();
        String host = request.authority() != null ? request.authority().host() : null;
        RouteMatch match = routes.get().match(host, request.method().name(), request.path());
        if (match instanceof RouteMatch.Found found) {
            call.matched(found.route(), found.pathParameters());
            call.next();
        } else if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
            String allowed = String.join(", ", notAllowed.allowed());
            call.exchange().response().putHeader("Allow", allowed);
            call.exchange().problem(Problem.of(405, "method-not-allowed", "Method not allowed",
                    request.method().name() + " is not allowed here; allowed: " + allowed));
        } else {
            call.exchange().problem(Problem.of(404, "route-not-found", "No route matches this path", request.path()));
        }
    }
}
