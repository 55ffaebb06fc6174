package dev.courier.gateway.http;

import dev.courier.gateway.auth.Authentication;
import dev.courier.gateway.auth.Authenticator;
import dev.courier.gateway.auth.BearerChallenge;
import dev.courier.gateway.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates an exchange and checks scopes, answering 401 or 403 itself. A token not verified
 * recently is verified on a worker thread: a signature check is too much CPU for an event loop, and
 * the key source may fetch over the network.
 */
public final class BearerAuth {

    private final Vertx vertx;
    private final Authenticator authenticator;

    public BearerAuth(Vertx vertx, Authenticator authenticator) {
        this.vertx = vertx;
        this.authenticator = authenticator;
    }

    /** The principal; empty when the exchange has been answered with 401 or 403. */
    public Future<Optional<Principal>> require(Exchange exchange, Set<String> scopes) {
        String authorization = exchange.context().request().getHeader("Authorization");
        Future<Authentication> result = authenticator.known(authorization)
                .map(Future::succeededFuture)
                .orElseGet(() -> vertx.executeBlocking(() -> authenticator.verify(authorization), false));
        return result.map(authentication -> check(exchange, authentication, scopes));
    }

    private static Optional<Principal> check(Exchange exchange, Authentication authentication, Set<String> scopes) {
        if (authentication instanceof Authentication.Missing) {
            exchange.response().putHeader("WWW-Authenticate", BearerChallenge.missing());
            exchange.problem(Problem.of(401, "unauthorized", "Authentication required", "send a bearer token in the Authorization header"));
            return Optional.empty();
        }
        if (authentication instanceof Authentication.Rejected rejected) {
            exchange.response().putHeader("WWW-Authenticate", BearerChallenge.rejected(rejected));
            int status = rejected.error().equals("invalid_request") ? 400 : 401;
            exchange.problem(Problem.of(status, "invalid-token", "The bearer token was not accepted", rejected.description()));
            return Optional.empty();
        }
        Principal principal = ((Authentication.Authenticated) authentication).principal();
        List<String> missing = scopes.stream().filter(scope -> !principal.scopes().contains(scope)).sorted().toList();
        if (!missing.isEmpty()) {
            exchange.response().putHeader("WWW-Authenticate", BearerChallenge.insufficientScope(scopes.stream().sorted().toList()));
            exchange.problem(Problem.of(403, "insufficient-scope", "The token lacks a required scope", "missing scope: " + String.join(" ", missing)));
            return Optional.empty();
        }
        return Optional.of(principal);
    }
}
