package dev.courier.auth.config;

import com.nimbusds.jose.JWSAlgorithm;
import dev.courier.commons.config.ConfigException;
import dev.courier.commons.config.ConfigValues;
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
 * How bearer tokens are checked, read from the same {@code auth.*} keys by every process that
 * checks them (the gateway and the lag monitor), so one set of trusted issuers serves both. Each
 * trusted issuer's tokens are checked against its own keys, and the principal a token stands for is
 * qualified by its issuer's name, so two issuers' {@code sub} values never collide.
 *
 * @param audience a value tokens' {@code aud} must contain, unless a trusted issuer names its own
 * @param trusted the outside issuers whose tokens are accepted
 * @param algorithms the only {@code alg}s accepted
 * @param clockSkew tolerance on {@code exp} and {@code nbf}
 * @param minRefetchInterval the least time between two JWKS fetches for an unknown {@code kid}
 * @param tokenCacheSize how many verified tokens are remembered, so a client's next request skips
 *     the signature check; 0 turns the cache off
 * @param tokenCacheTtl the longest a verified token is trusted without checking its signature
 *     again: also how long a key removed from the JWKS keeps working for tokens already seen
 */
public record TokenRules(String audience, List<TrustedIssuer> trusted, Set<JWSAlgorithm> algorithms, Duration clockSkew,
                         Duration minRefetchInterval, int tokenCacheSize, Duration tokenCacheTtl) {

    public static final String AUDIENCE = "auth.audience";
    public static final String TRUSTED_ISSUERS = "auth.trusted-issuers";
    public static final String ALGORITHMS = "auth.algorithms";
    public static final String CLOCK_SKEW = "auth.clock-skew";
    public static final String JWKS_REFETCH = "auth.jwks.min-refetch-interval";
    public static final String CACHE_SIZE = "auth.token-cache.size";
    public static final String CACHE_TTL = "auth.token-cache.ttl";

    /** The keys read here; each trusted issuer's own keys sit under {@link #TRUSTED_ISSUERS}{@code .<name>.}. */
    public static final List<String> KEYS = List.of(AUDIENCE, TRUSTED_ISSUERS, ALGORITHMS, CLOCK_SKEW, JWKS_REFETCH, CACHE_SIZE, CACHE_TTL);
    public static final String TRUSTED_ISSUER_PREFIX = TRUSTED_ISSUERS + ".";

    /** Asymmetric algorithms only: a shared-secret algorithm would let anyone holding the public key sign. */
    public static final List<String> DEFAULT_ALGORITHMS = List.of("RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
            "ES256", "ES384", "ES512", "EdDSA");

    private static final Set<JWSAlgorithm> SYMMETRIC = Set.of(JWSAlgorithm.HS256, JWSAlgorithm.HS384, JWSAlgorithm.HS512);
    private static final Pattern NAME = Pattern.compile("[a-z0-9]{1,32}");
    private static final Set<String> ISSUER_KEYS = Set.of("issuer", "jwks.url", "jwks.file", "audience");

    public TokenRules {
        trusted = List.copyOf(trusted);
        algorithms = Set.copyOf(algorithms);
    }

    /**
     * @param reservedIssuers {@code iss} values no trusted issuer may claim (the built-in issuer's)
     */
    public static TokenRules read(ConfigValues values, Set<String> reservedIssuers) {
        Set<JWSAlgorithm> algorithms = values.list(ALGORITHMS, DEFAULT_ALGORITHMS).stream()
                .map(TokenRules::algorithm)
                .collect(Collectors.toSet());
        return new TokenRules(
                values.string(AUDIENCE, "courier"),
                trusted(values, reservedIssuers),
                algorithms,
                values.duration(CLOCK_SKEW, Duration.ofSeconds(30), Duration.ZERO, Duration.ofMinutes(5)),
                values.duration(JWKS_REFETCH, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                values.integer(CACHE_SIZE, 10_000, 0, 10_000_000),
                values.duration(CACHE_TTL, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofHours(1)));
    }

    /** {@code auth.trusted-issuers=corp,partner} and, for each, {@code auth.trusted-issuers.corp.issuer} and so on. */
    private static List<TrustedIssuer> trusted(ConfigValues values, Set<String> reservedIssuers) {
        List<String> names = values.list(TRUSTED_ISSUERS, List.of());
        Map<String, String> settings = values.withPrefix(TRUSTED_ISSUER_PREFIX);
        for (String key : settings.keySet()) {
            int dot = key.indexOf('.');
            if (dot < 0 || !names.contains(key.substring(0, dot)) || !ISSUER_KEYS.contains(key.substring(dot + 1))) {
                throw new ConfigException(TRUSTED_ISSUER_PREFIX + key, "unknown key; each issuer named in " + TRUSTED_ISSUERS
                        + " takes " + ISSUER_KEYS.stream().sorted().toList());
            }
        }
        List<TrustedIssuer> trusted = new ArrayList<>();
        Set<String> issuers = new HashSet<>(reservedIssuers);
        for (String name : names) {
            String prefix = TRUSTED_ISSUER_PREFIX + name + ".";
            if (!NAME.matcher(name).matches()) {
                throw new ConfigException(TRUSTED_ISSUERS, "'" + name + "' must be 1 to 32 lower-case letters and digits");
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
            JwksLocation.External jwks = url != null ? new JwksLocation.Url(ConfigValues.httpUrl(prefix + "jwks.url", url.trim()))
                    : new JwksLocation.File(Path.of(file.trim()));
            trusted.add(new TrustedIssuer(name, issuer.trim(), jwks, Optional.ofNullable(settings.get(name + ".audience")).map(String::trim)));
        }
        return trusted;
    }

    private static JWSAlgorithm algorithm(String name) {
        JWSAlgorithm algorithm = JWSAlgorithm.parse(name);
        boolean known = JWSAlgorithm.Family.SIGNATURE.contains(algorithm) || SYMMETRIC.contains(algorithm);
        if (!known) {
            throw new ConfigException(ALGORITHMS, "unknown algorithm '" + name + "'; known: "
                    + List.copyOf(JWSAlgorithm.Family.SIGNATURE) + " and HS256/384/512");
        }
        return algorithm;
    }
}
