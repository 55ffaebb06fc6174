package dev.courier.lag.http;

import dev.courier.auth.Access;
import dev.courier.auth.Authenticator;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;

/**
 * Lets a request through only with a bearer token carrying the operators' scope, answering 401,
 * 403 or 400 itself (RFC 6750 challenge and a problem, as the gateway answers). A token not checked
 * recently is verified on a worker thread, once however many requests bring it: a signature check is
 * too much for the event loop.
 */
final class OpsAccess implements Handler<RoutingContext> {

    private final Authenticator authenticator;
    private final Set<String> scopes;

    OpsAccess(Authenticator authenticator, String scope) {
        this.authenticator = authenticator;
        this.scopes = Set.of(scope);
    }

    @Override
    public void handle(RoutingContext routing) {
        String authorization = routing.request().getHeader("Authorization");
        Executor workers = check -> routing.vertx().executeBlocking(() -> {
            check.run();
            return null;
        }, false);
        Future.fromCompletionStage(authenticator.authenticate(authorization, workers), routing.vertx().getOrCreateContext()).onComplete(done -> {
            if (done.failed()) {
                routing.fail(done.cause());
                return;
            }
            Access access = Access.check(done.result(), scopes);
            if (access instanceof Access.Denied denied) {
                Map<String, Object> problem = new LinkedHashMap<>();
                problem.put("type", "urn:courier:problem:" + denied.type());
                problem.put("title", denied.title());
                problem.put("status", denied.status());
                problem.put("detail", denied.detail());
                routing.response().putHeader("WWW-Authenticate", denied.challenge());
                ApiHandlers.json(routing, denied.status(), problem);
                return;
            }
            routing.next();
        });
    }
}
