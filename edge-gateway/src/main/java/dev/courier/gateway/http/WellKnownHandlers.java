package dev.courier.gateway.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.nimbusds.jose.jwk.JWKSet;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** {@code /.well-known/jwks.json} and {@code /.well-known/openid-configuration} (RFC 8414 metadata) of the built-in issuer. */
public final class WellKnownHandlers {

    private final JsonNode jwks;
    private final ObjectNode discovery;
    private final Supplier<Set<String>> scopes;
    /** The discovery document for the last scope set asked (a route table's own set), serialized once. */
    private volatile Built built;

    private record Built(Set<String> scopes, byte[] body) {
    }

    /** @param scopes the scopes the routes in force ask for: the same set until the routes change */
    public WellKnownHandlers(JWKSet publicKeys, String issuer, URI publicUrl, Supplier<Set<String>> scopes) {
        this.scopes = scopes;
        try {
            this.jwks = new ObjectMapper().readTree(publicKeys.toString(true));
        } catch (Exception e) {
            throw new IllegalStateException("a JWKS always serializes", e);
        }
        String base = publicUrl.toString().replaceAll("/$", "");
        discovery = JsonNodeFactory.instance.objectNode();
        discovery.put("issuer", issuer);
        discovery.put("token_endpoint", base + "/oauth2/token");
        discovery.put("jwks_uri", base + "/.well-known/jwks.json");
        discovery.putArray("grant_types_supported").add("client_credentials");
        discovery.putArray("token_endpoint_auth_methods_supported").add("client_secret_basic").add("client_secret_post");
        discovery.putArray("response_types_supported").add("token");
        discovery.putArray("subject_types_supported").add("public");
        discovery.putArray("id_token_signing_alg_values_supported").add("ES256");
    }

    public void jwks(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        exchange.response().putHeader("Cache-Control", "public, max-age=300");
        exchange.json(200, jwks);
    }

    public void discovery(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        exchange.response().putHeader("Cache-Control", "public, max-age=300");
        Set<String> current = scopes.get();
        Built last = built;
        if (last == null || last.scopes() != current) {
            ObjectNode document = discovery.deepCopy();
            var scopeList = document.putArray("scopes_supported");
            new TreeSet<>(current).forEach(scopeList::add);
            last = new Built(current, Exchange.serialize(document));
            built = last;
        }
        exchange.jsonBytes(200, last.body());
    }
}
