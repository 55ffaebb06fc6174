package dev.courier.gateway.config;

import static dev.courier.gateway.config.GatewayConfig.AUTH_ALGORITHMS;
import static dev.courier.gateway.config.GatewayConfig.AUTH_AUDIENCE;
import static dev.courier.gateway.config.GatewayConfig.AUTH_CACHE_SIZE;
import static dev.courier.gateway.config.GatewayConfig.AUTH_CACHE_TTL;
import static dev.courier.gateway.config.GatewayConfig.AUTH_CLOCK_SKEW;
import static dev.courier.gateway.config.GatewayConfig.AUTH_ISSUER;
import static dev.courier.gateway.config.GatewayConfig.AUTH_JWKS_REFETCH;
import static dev.courier.gateway.config.GatewayConfig.AUTH_TRUSTED_ISSUERS;

import com.nimbusds.jose.JWSAlgorithm;
import dev.courier.commons.config.ConfigException;
import dev.courier.commons.config.ConfigValues;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * How bearer tokens are verified. Tokens are accepted from the built-in issuer (when enabled) and
 * from each trusted outside issuer, each checked against its own keys; the principal a token
 * stands for is qualified by its issuer, so two issuers' {@code sub} values never collide.
 *
 * @param issuer the exact {@code iss} of the built-in issuer's tokens
 * @param audience a value tokens' {@code aud} must contain, unless a trusted issuer names its own
 * @param trusted the outside issuers whose tokens are accepted too
 * @param algorithms the only {@code alg}s accepted
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param minRefetchInterval the least time between two JWKS fetches for an unknown {@code kid}
 * @param tokenCacheSize how many verified tokens are remembered, so a client's next request skips
 *     the signature check; 0 turns the cache off
 * @param tokenCacheTtl the longest a verified token is trusted without checking its signature
 *     again: also how long a key removed from the JWKS keeps working for tokens already seen
 */
public record AuthSettings(String issuer, String audience, List<TrustedIssuer> trusted, Set<JWSAlgorithm> algorithms,
                           Duration clockSkew, Duration minRefetchInterval, int tokenCacheSize, Duration tokenCacheTtl) {

    private static final Set<JWSAlgorithm> SYMMETRIC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]{1,32}");
    private static final Set<String> ISSUER_KEYS = Set.of("issuer", "jwks.url", "jwks.file", "audience");

    public AuthSettings {
        trusted = List.copyOf(trusted);
        algorithms = Set.copyOf(algorithms);
    }

    static AuthSettings read(ConfigValues values, URI publicUrl) {
        Set<JWSAlgorithm> algorithms = values.list(AUTH_ALGORITHMS, GatewayConfig.DEFAULT_ALGORITHMS).stream()
                .map(name -> algorithm(name))
                .collect(Collectors.toSet());
        String builtInIssuer = values.string(AUTH_ISSUER, publicUrl.toString());
        return new AuthSettings(
                builtInIssuer,
                values.string(AUTH_AUDIENCE, "courier"),
                trusted(values, builtInIssuer),
                algorithms,
                values.duration(AUTH_CLOCK_SKEW, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(5)),
                values.duration(AUTH_JWKS_REFETCH, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                values.integer(AUTH_CACHE_SIZE, 10_000, 0, 10_000_000),
                values.duration(AUTH_CACHE_TTL, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    /** {@code auth.trusted-issuers=corp,partner} and, for each, {@code auth.trusted-issuers.corp.issuer} and so on. */
    private static List<TrustedIssuer> trusted(ConfigValues values, String builtInIssuer) {
        List<String> names = values.list(AUTH_TRUSTED_ISSUERS, List.of());
        Map<String, String> settings = values.withPrefix(AUTH_TRUSTED_ISSUERS + ".");
        for (String key : settings.keySet()) {
            int dot = key.indexOf('.');
            if (dot < 0 || !names.contains(key.substring(0, dot)) || !ISSUER_KEYS.contains(key.substring(dot + 1))) {
                throw new ConfigException(AUTH_TRUSTED_ISSUERS + "." + key, "unknown key; each issuer named in " + AUTH_TRUSTED_ISSUERS
                        + " takes " + ISSUER_KEYS.stream().sorted().toList());
            }
        }
        List<TrustedIssuer> trusted = new ArrayList<>();
        Set<String> issuers = new HashSet<>(Set.of(builtInIssuer));
        for (String name : names) {
            String prefix = AUTH_TRUSTED_ISSUERS + "." + name + ".";
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(AUTH_TRUSTED_ISSUERS, "'" + name + "' must be 1 to 32 lower-case letters and digits");
            }
            String issuer = settings.get(name + ".issuer");
            if (issuer == null || issuer.isBlank()) {
                throw new ConfigException(prefix + "issuer", "is required: the exact iss of this issuer's tokens");
            }
            if (!issuers.add(issuer.trim())) {
                throw new ConfigException(prefix + "issuer", "'" + issuer.trim() + "' is trusted twice");
            }
            String url = settings.get(name + ".jwks.url");
            String file = settings.get(name + ".jwks.file");
            if ((url == null) == (file == null)) {
                throw new ConfigException(prefix + "jwks.url", "set exactly one of it and " + prefix + "jwks.file");
            }
            JwksLocation.External jwks = url != null ? new JwksLocation.Url(GatewayConfig.uri(prefix + "jwks.url", url.trim()))
                    : new JwksLocation.File(Path.of(file.trim()));
            trusted.add(new TrustedIssuer(name, issuer.trim(), jwks, Optional.ofNullable(settings.get(name + ".audience")).map(String::trim)));
        }
        return trusted;
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
