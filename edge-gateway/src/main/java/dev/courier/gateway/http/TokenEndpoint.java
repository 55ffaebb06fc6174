package dev.courier.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.courier.gateway.issuer.ClientRegistry;
import dev.courier.gateway.issuer.OAuthClient;
import dev.courier.gateway.issuer.TokenIssuer;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@code POST /oauth2/token}, RFC 6749 section 4.4: the client_credentials grant, with the client
 * authenticated by HTTP Basic or by {@code client_id}/{@code client_secret} in the form. Errors use
 * the OAuth error shape the RFC prescribes, not problem+json, so OAuth client libraries understand them.
 */
public final class TokenEndpoint implements Handler<RoutingContext> {

    private final ClientRegistry clients;
    private final TokenIssuer issuer;

    public TokenEndpoint(ClientRegistry clients, TokenIssuer issuer) {
        this.clients = clients;
        this.issuer = issuer;
    }

    @Override
    public void handle(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        exchange.response().putHeader("Cache-Control", "no-store").putHeader("Pragma", "no-cache");
        String contentType = routing.request().getHeader("Content-Type");
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/x-www-form-urlencoded")) {
            error(exchange, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
            return;
        }
        MultiMap form = parseForm(routing.body().asString());
        if (!"client_credentials".equals(form.get("grant_type"))) {
            error(exchange, 400, "unsupported_grant_type", "only client_credentials is supported");
            return;
        }
        Optional<String[]> credentials = basic(routing.request().getHeader("Authorization"))
                .or(() -> Optional.ofNullable(form.get("client_id")).map(id -> new String[] {id, form.get("client_secret")}));
        if (credentials.isEmpty() || credentials.get()[1] == null) {
            exchange.response().putHeader("WWW-Authenticate", "Basic realm=\"courier\"");
            error(exchange, 401, "invalid_client", "client authentication is required");
            return;
        }
        String clientId = credentials.get()[0];
        String secret = credentials.get()[1];
        routing.vertx().executeBlocking(() -> clients.authenticate(clientId, secret), false).onComplete(result -> {
            if (result.failed() || result.result().isEmpty()) {
                exchange.response().putHeader("WWW-Authenticate", "Basic realm=\"courier\"");
                error(exchange, 401, "invalid_client", "unknown client or wrong secret");
                return;
            }
            grant(exchange, result.result().get(), form.get("scope"));
        });
    }

    private void grant(Exchange exchange, OAuthClient client, String requestedScope) {
        Set<String> scopes = requestedScope == null || requestedScope.isBlank()
                ? client.scopes()
                : new HashSet<>(Arrays.asList(requestedScope.trim().split("\\s+")));
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

    private static void error(Exchange exchange, int status, String error, String description) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("error", error);
        body.put("error_description", description);
        exchange.json(status, body);
    }

    private static Optional<String[]> basic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                return Optional.empty();
            }
            // RFC 6749 section 2.3.1: both parts are form-encoded before Basic encoding.
            return Optional.of(new String[] {
                URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)});
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static MultiMap parseForm(String body) {
        MultiMap form = MultiMap.caseInsensitiveMultiMap();
        if (body == null || body.isEmpty()) {
            return form;
        }
        for (String pair : body.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            String value = equals < 0 ? "" : pair.substring(equals + 1);
            try {
                form.add(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // a broken escape leaves the parameter out; the grant then fails with a clear error
            }
        }
        return form;
    }
}
