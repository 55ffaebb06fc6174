package dev.courier.gateway.config;

import static dev.courier.gateway.config.GatewayConfig.AUTH_ALGORITHMS;
import static dev.courier.gateway.config.GatewayConfig.AUTH_AUDIENCE;
import static dev.courier.gateway.config.GatewayConfig.AUTH_CACHE_SIZE;
import static dev.courier.gateway.config.GatewayConfig.AUTH_CACHE_TTL;
import static dev.courier.gateway.config.GatewayConfig.AUTH_CLOCK_SKEW;
import static dev.courier.gateway.config.GatewayConfig.AUTH_ISSUER;
import static dev.courier.gateway.config.GatewayConfig.AUTH_JWKS_FILE;
import static dev.courier.gateway.config.GatewayConfig.AUTH_JWKS_REFETCH;
import static dev.courier.gateway.config.GatewayConfig.AUTH_JWKS_URL;

import com.nimbusds.jose.JWSAlgorithm;
import dev.courier.commons.config.ConfigException;
import dev.courier.commons.config.ConfigValues;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * How bearer tokens are verified.
 *
 * @param issuer the exact {@code iss} tokens must carry
 * @param audience a value tokens' {@code aud} must contain
 * @param algorithms the only {@code alg}s accepted
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param minRefetchInterval the least time between two JWKS fetches for an unknown {@code kid}
 * @param tokenCacheSize how many verified tokens are remembered, so a client's next request skips
 *     the signature check; 0 turns the cache off
 * @param tokenCacheTtl the longest a verified token is trusted without checking its signature
 *     again: also how long a key removed from the JWKS keeps working for tokens already seen
 */
public record AuthSettings(String issuer, String audience, JwksLocation jwks, Set<JWSAlgorithm> algorithms,
                           Duration clockSkew, Duration minRefetchInterval, int tokenCacheSize, Duration tokenCacheTtl) {

    private static final Set<JWSAlgorithm> SYMMETRIC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);

    public AuthSettings {
        algorithms = Set.copyOf(algorithms);
    }

    static AuthSettings read(ConfigValues values, URI publicUrl) {
        String url = values.string(AUTH_JWKS_URL, null);
        String file = values.string(AUTH_JWKS_FILE, null);
        if (url != null && file != null) {
            throw new ConfigException(AUTH_JWKS_URL, "set either it or " + AUTH_JWKS_FILE + ", not both");
        }
        JwksLocation jwks = url != null ? new JwksLocation.Url(GatewayConfig.uri(AUTH_JWKS_URL, url))
                : file != null ? new JwksLocation.File(Path.of(file))
                : new JwksLocation.BuiltIn();
        Set<JWSAlgorithm> algorithms = values.list(AUTH_ALGORITHMS, GatewayConfig.DEFAULT_ALGORITHMS).stream()
                .map(name -> algorithm(name))
                .collect(Collectors.toSet());
        return new AuthSettings(
                values.string(AUTH_ISSUER, publicUrl.toString()),
                values.string(AUTH_AUDIENCE, "courier"),
                jwks, algorithms,
                values.duration(AUTH_CLOCK_SKEW, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(5)),
                values.duration(AUTH_JWKS_REFETCH, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                values.integer(AUTH_CACHE_SIZE, 10_000, 0, 10_000_000),
                values.duration(AUTH_CACHE_TTL, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    private static JWSAlgorithm algorithm(String name) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
        boolean known = JWSAlgorithm.Family.SIGNATURE.contains(algorithm) || SYMMETRIC.contains(algorithm);
        if (!known) {
            throw new ConfigException(AUTH_ALGORITHMS, "unknown algorithm '" + name + "'; known: "
                    + List.copyOf(JWSAlgorithm.Family.SIGNATURE) + " and HS256/384/512");
        }
        return algorithm;
    }
}
