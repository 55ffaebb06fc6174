package dev.courier.gateway.issuer;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.courier.commons.config.ConfigException;
import dev.courier.commons.secret.SecretHashes;
import dev.courier.gateway.config.GatewayConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The clients of the built-in issuer, read from YAML:
 * <pre>
 * clients:
 *   - id: demo
 *     secret-hash: $argon2id$v=19$m=19456,t=2,p=1$...
 *     scopes: [blog:read, blog:write]
 * </pre>
 * Secrets are stored only as Argon2id PHC strings. Client ids hold no {@code ':'}, so the principal
 * of a built-in client never collides with a trusted issuer's {@code <name>:<sub>}.
 */
public final class ClientRegistry {

    /** What a client id may be; anything else is refused before any lookup. */
    public static final Pattern CLIENT_ID = Pattern.compile("[A-Za-z0-9._~-]{1,128}");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, OAuthClient> clients;
    /**
     * Checked when the client id is unknown, so an unknown id costs what a known one does: it has
     * the first client's Argon2 parameters (give every client the same ones).
     */
    private final String decoyHash;

    public ClientRegistry(List<OAuthClient> clients) {
        Map<String, OAuthClient> byId = new HashMap<>();
        clients.forEach(client -> byId.put(client.id(), client));
        this.clients = Map.copyOf(byId);
        this.decoyHash = clients.isEmpty() ? SecretHashes.hash(UUID.randomUUID().toString()) : SecretHashes.decoyLike(clients.get(0).secretHash());
    }

    public static ClientRegistry load(Optional<Path> file) {
        if (file.isEmpty()) {
            return new ClientRegistry(List.of());
        }
        String key = GatewayConfig.ISSUER_CLIENTS_FILE;
        FileSpec spec;
        try {
            spec = YAML.readValue(file.get().toFile(), FileSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(key, file.get() + ": unknown key '" + e.getPropertyName() + "'; known keys: " + e.getKnownPropertyIds());
        } catch (IOException e) {
            throw new ConfigException(key, "cannot read " + file.get() + ": " + e.getMessage());
        }
        List<ClientSpec> specs = spec == null || spec.clients() == null ? List.of() : spec.clients();
        Set<String> ids = new HashSet<>();
        List<OAuthClient> clients = specs.stream().map(client -> {
            if (client.id() == null || !CLIENT_ID.matcher(client.id()).matches()) {
                throw new ConfigException(key, file.get() + ": client id '" + client.id() + "' must be 1 to 128 unreserved characters");
            }
            if (!ids.add(client.id())) {
                // Otherwise the last entry would silently win, with its secret and scopes.
                throw new ConfigException(key, file.get() + ": client id '" + client.id() + "' is listed more than once");
            }
            if (!SecretHashes.isHash(client.secretHash())) {
                throw new ConfigException(key, file.get() + ": client " + client.id() + " needs a secret-hash in Argon2id PHC form ($argon2id$v=19$m=...,t=...,p=...$salt$hash)");
            }
            return new OAuthClient(client.id(), client.secretHash(), client.scopes() == null ? Set.of() : Set.copyOf(client.scopes()));
        }).toList();
        return new ClientRegistry(clients);
    }

    /**
     * The client when the secret matches its hash. Slow on purpose (Argon2id): call it off the event
     * loop. An unknown id is checked against a decoy hash, so the time taken does not tell whether
     * a client id exists.
     */
    public Optional<OAuthClient> authenticate(String clientId, String secret) {
        OAuthClient client = clients.get(clientId);
        boolean matches = SecretHashes.matches(secret, client == null ? decoyHash : client.secretHash());
        return client != null && matches ? Optional.of(client) : Optional.empty();
    }

    /** An Argon2id hash of a secret, in the form the clients file takes. */
    public static String hash(String secret) {
        return SecretHashes.hash(secret);
    }

    record FileSpec(List<ClientSpec> clients) {
    }

    record ClientSpec(String id, String secretHash, List<String> scopes) {
    }
}
