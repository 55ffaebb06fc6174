package dev.courier.gateway.http;

import dev.courier.auth.Access;
import dev.courier.auth.Authentication;
import dev.courier.auth.Authenticator;
import dev.courier.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Authenticates an exchange and checks scopes, answering 401 or 403 itself. A token not verified
 * recently is verified on a worker thread, once however many requests bring it at the same time: a
 * signature check is too much CPU for an event loop, and the key source may fetch over the network.
 */
public final class BearerAuth {

    private final Vertx vertx;
    private final Authenticator authenticator;
    private final Executor workers;

    public BearerAuth(Vertx vertx, Authenticator authenticator) {
        this.vertx = vertx;
        this.authenticator = authenticator;
        this.workers = check -> vertx.executeBlocking(() -> {
            check.run();
            return null;
        }, false);
    }

    /** The principal; empty when the exchange has been answered with 401 or 403. */
    public Future<Optional<Principal>> require(Exchange exchange, Set<String> scopes) {
        String authorization = exchange.context().request().getHeader("Authorization");
        CompletableFuture<Authentication> result = authenticator.authenticate(authorization, workers).toCompletableFuture();
        // Most tokens are known: answer those without a trip through the event loop's queue.
        Future<Authentication> answer = result.isDone() && !result.isCompletedExceptionally() ? Future.succeededFuture(result.join())
                : Future.fromCompletionStage(result, vertx.getOrCreateContext());
        return answer.map(authentication -> check(exchange, authentication, scopes));
    }

    private static Optional<Principal> check(Exchange exchange, Authentication authentication, Set<String> scopes) {
        Access access = Access.check(authentication, scopes);
        if (access instanceof Access.Denied denied) {
            exchange.response().putHeader("WWW-Authenticate", denied.challenge());
            exchange.problem(Problem.of(denied.status(), denied.type(), denied.title(), denied.detail()));
            return Optional.empty();
        }
        Principal principal = ((Access.Granted) access).principal();
        exchange.principal(principal.id());
        return Optional.of(principal);
    }
}
