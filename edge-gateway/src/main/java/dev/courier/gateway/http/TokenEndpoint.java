package dev.courier.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.courier.gateway.edge.MediaType;
import dev.courier.gateway.issuer.ClientCredentials;
import dev.courier.gateway.issuer.ClientRegistry;
import dev.courier.gateway.issuer.FormBody;
import dev.courier.gateway.issuer.OAuthClient;
import dev.courier.gateway.issuer.SecretChecks;
import dev.courier.gateway.issuer.TokenIssuer;
import dev.courier.gateway.issuer.TokenThrottle;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /oauth2/token}, RFC 6749 section 4.4: the client_credentials grant. The request is
 * read strictly (a parsed form media type, no repeated parameter, one way of authenticating), then
 * the attempt is counted against its source address and client id ({@link TokenThrottle}: 429 with
 * {@code Retry-After} once either has too many), then the secret is checked on a bounded pool of its
 * own ({@link SecretChecks}: 503 at once when it is full). Errors use the OAuth error shape the RFC
 * prescribes, not problem+json, so OAuth client libraries understand them.
 */
public final class TokenEndpoint implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    // RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5b\\x5d-\\x7e]+( [\\x21\\x23-\\x5b\\x5d-\\x7e]+)*");

    private final TokenIssuer issuer;
    private final TokenThrottle throttle;
    private final SecretChecks secrets;

    public TokenEndpoint(TokenIssuer issuer, TokenThrottle throttle, SecretChecks secrets) {
        this.issuer = issuer;
        this.throttle = throttle;
        this.secrets = secrets;
    }

    @Override
    public void handle(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        exchange.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
        Optional<MediaType> type = MediaType.parse(routing.request().getHeader("Content-Type"));
        if (type.isEmpty() || !type.get().is("application", "x-www-form-urlencoded") || !type.get().isUtf8OrUnspecified()) {
            error(exchange, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
            return;
        }
        FormBody.Parsed parsed = FormBody.parse(exchange.body().toString(StandardCharsets.UTF_8));
        if (parsed instanceof FormBody.Invalid invalid) {
            error(exchange, 400, "invalid_request", invalid.reason());
            return;
        }
        FormBody.Form form = (FormBody.Form) parsed;
        Optional<String> grantType = form.get("grant_type");
        if (grantType.isEmpty()) {
            error(exchange, 400, "invalid_request", "grant_type is required");
            return;
        }
        if (!grantType.get().equals("client_credentials")) {
            error(exchange, 400, "unsupported_grant_type", "only client_credentials is supported");
            return;
        }
        Optional<String> scope = form.get("scope");
        if (scope.isPresent() && !SCOPE.matcher(scope.get()).matches()) {
            error(exchange, 400, "invalid_scope", "scope must be scope tokens separated by single spaces");
            return;
        }
        ClientCredentials.Presented presented = ClientCredentials.of(routing.request().getHeader("Authorization"), form);
        if (presented instanceof ClientCredentials.Invalid invalid) {
            error(exchange, 400, "invalid_request", invalid.reason());
        } else if (presented instanceof ClientCredentials.Missing missing) {
            unauthorized(exchange, missing.reason());
        } else {
            ClientCredentials.Secret secret = (ClientCredentials.Secret) presented;
            if (!ClientRegistry.CLIENT_ID.matcher(secret.clientId()).matches()) {
                unauthorized(exchange, "unknown client or wrong secret");
                return;
            }
            authenticate(exchange, routing.vertx().getOrCreateContext(), secret, scope);
        }
    }

    private void authenticate(Exchange exchange, Context context, ClientCredentials.Secret presented, Optional<String> scope) {
        String address = exchange.context().request().remoteAddress().hostAddress();
        throttle.acquire(address, presented.clientId()).whenComplete((verdict, error) -> context.runOnContext(ignored -> {
            if (error != null) {
                LOG.warn("token request not throttled, Redis failed requestId={} error={}", exchange.requestId(), error.toString());
                unavailable(exchange, "the token service cannot count attempts right now");
            } else if (!verdict.allowed()) {
                exchange.response().putHeader("Retry-After", Long.toString(seconds(verdict.retryAfter())));
                error(exchange, 429, "temporarily_unavailable", "too many failed attempts; retry after the time Retry-After gives");
            } else {
                secrets.authenticate(context, presented.clientId(), presented.secret()).onComplete(checked -> {
                    if (checked.failed()) {
                        // Never checked, so not a failed guess either.
                        throttle.release(address, presented.clientId());
                        if (!(checked.cause() instanceof SecretChecks.Busy)) {
                            LOG.error("secret check failed requestId={}", exchange.requestId(), checked.cause());
                        }
                        unavailable(exchange, "too many token requests are being checked; retry shortly");
                    } else if (checked.result().isEmpty()) {
                        unauthorized(exchange, "unknown client or wrong secret");
                    } else {
                        throttle.release(address, presented.clientId());
                        grant(exchange, checked.result().get(), scope);
                    }
                });
            }
        }));
    }

    private void grant(Exchange exchange, OAuthClient client, Optional<String> requestedScope) {
        Set<String> scopes = requestedScope.isEmpty() ? client.scopes() : new HashSet<>(Arrays.asList(requestedScope.get().split(" ")));
        if (!client.scopes().containsAll(scopes)) {
            Set<String> refused = new HashSet<>(scopes);
            refused.removeAll(client.scopes());
            error(exchange, 400, "invalid_scope", "not allowed for this client: " + String.join(" ", refused.stream().sorted().toList()));
            return;
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("access_token", issuer.issue(client.id(), scopes));
        body.put("token_type", "Bearer");
        body.put("expires_in", issuer.ttl().toSeconds());
        body.put("scope", String.join(" ", scopes.stream().sorted().toList()));
        exchange.json(200, body);
    }

    private static void unauthorized(Exchange exchange, String description) {
        exchange.response().putHeader("WWW-Authenticate", "Basic realm=\"courier\"");
        error(exchange, 401, "invalid_client", description);
    }

    private static void unavailable(Exchange exchange, String description) {
        exchange.response().putHeader("Retry-After", "1");
        error(exchange, 503, "temporarily_unavailable", description);
    }

    private static void error(Exchange exchange, int status, String error, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", error);
        body.put("error_description", description);
        exchange.json(status, body);
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
}
