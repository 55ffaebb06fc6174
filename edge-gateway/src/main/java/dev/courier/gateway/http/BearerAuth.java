package dev.courier.gateway.http;

import dev.courier.auth.Access;
import dev.courier.auth.Authentication;
import dev.courier.auth.Authenticator;
import dev.courier.auth.Principal;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
        Access access = Access.check(authentication, scopes);
        if (access instanceof Access.Denied denied) {
            exchange.response().putHeader("WWW-Authenticate", denied.challenge());
            exchange.problem(Problem.of(denied.status(), denied.type(), denied.title(), denied.detail()));
            return Optional.empty();
        }
        return Optional.of(((Access.Granted) access).principal());
    }
}
