package dev.courier.gateway.config;

import static dev.courier.gateway.config.GatewayConfig.ISSUER_CLIENTS_FILE;
import static dev.courier.gateway.config.GatewayConfig.ISSUER_ENABLED;
import static dev.courier.gateway.config.GatewayConfig.ISSUER_SIGNING_KEY_FILE;
import static dev.courier.gateway.config.GatewayConfig.ISSUER_TOKEN_TTL;

import dev.courier.commons.config.ConfigValues;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The built-in OAuth 2.0 token issuer.
 *
 * @param clientsFile YAML list of clients with hashed secrets and allowed scopes; none means no client can get a token
 * @param signingKeyFile a private JWK; generated and written there on first start when missing
 */
public record IssuerSettings(boolean enabled, Optional<Path> clientsFile, Path signingKeyFile, Duration tokenTtl) {

    static IssuerSettings read(ConfigValues values, Path dataDir) {
        return new IssuerSettings(
                values.bool(ISSUER_ENABLED, true),
                Optional.ofNullable(values.string(ISSUER_CLIENTS_FILE, null)).map(Path::of),
                Path.of(values.string(ISSUER_SIGNING_KEY_FILE, dataDir.resolve("signing-key.jwk").toString())),
                values.duration(ISSUER_TOKEN_TTL, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1)));
    }
}
