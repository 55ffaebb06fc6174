package dev.courier.gateway.config;

import static dev.courier.gateway.config.GatewayConfig.ISSUER_CLIENTS_FILE;
import static dev.courier.gateway.config.GatewayConfig.ISSUER_ENABLED;
import static dev.courier.gateway.config.GatewayConfig.ISSUER_HASH_QUEUE;
import static dev.courier.gateway.config.GatewayConfig.ISSUER_HASH_THREADS;
import static dev.courier.gateway.config.GatewayConfig.ISSUER_MAX_PER_ADDRESS;
import static dev.courier.gateway.config.GatewayConfig.ISSUER_MAX_PER_CLIENT;
import static dev.courier.gateway.config.GatewayConfig.ISSUER_MAX_PER_CLIENT_AND_ADDRESS;
import static dev.courier.gateway.config.GatewayConfig.ISSUER_SIGNING_KEY_FILE;
import static dev.courier.gateway.config.GatewayConfig.ISSUER_THROTTLE_WINDOW;
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
 * @param throttle how many token requests not known to have succeeded are allowed per window, per
 *     source address, per client id from one address, and per client id from all addresses; more get 429
 * @param hashThreads threads that check client secrets (Argon2id); the rest of the gateway never waits for them
 * @param hashQueue secret checks that may wait for a thread; more get 503 at once
 */
public record IssuerSettings(boolean enabled, Optional<Path> clientsFile, Path signingKeyFile, Duration tokenTtl,
                             ThrottleSettings throttle, int hashThreads, int hashQueue) {

    static IssuerSettings read(ConfigValues values, Path dataDir) {
        return new IssuerSettings(
                values.bool(ISSUER_ENABLED, true),
                Optional.ofNullable(values.string(ISSUER_CLIENTS_FILE, null)).map(Path::of),
                Path.of(values.string(ISSUER_SIGNING_KEY_FILE, dataDir.resolve("signing-key.jwk").toString())),
                values.duration(ISSUER_TOKEN_TTL, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1)),
                new ThrottleSettings(
                        values.integer(ISSUER_MAX_PER_ADDRESS, 30, 1, 1_000_000),
                        values.integer(ISSUER_MAX_PER_CLIENT_AND_ADDRESS, 10, 1, 1_000_000),
                        values.integer(ISSUER_MAX_PER_CLIENT, 100, 1, 1_000_000),
                        values.duration(ISSUER_THROTTLE_WINDOW, Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofDays(1))),
                values.integer(ISSUER_HASH_THREADS, 1, 1, 64),
                values.integer(ISSUER_HASH_QUEUE, 8, 1, 10_000));
    }
}
