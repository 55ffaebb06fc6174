package dev.courier.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.courier.auth.config.JwksLocation;
import dev.courier.auth.config.TokenRules;
import dev.courier.commons.config.ConfigException;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.text.ParseException;
import java.time.Duration;

/** Builds the source of verification keys a trusted issuer's configuration names. */
public final class KeySources {

    private KeySources() {
    }

    /**
     * @param name the trusted issuer's name, for error messages
     * @param minRefetchInterval the least time between two fetches of a remote JWKS
     */
    public static JWKSource<SecurityContext> of(String name, JwksLocation.External location, Duration minRefetchInterval) {
        if (location instanceof JwksLocation.Url url) {
            return remote(name, url, minRefetchInterval);
        }
        return new ImmutableJWKSet<>(readFile(name, (JwksLocation.File) location));
    }

    private static JWKSource<SecurityContext> remote(String name, JwksLocation.Url url, Duration minRefetchInterval) {
        try {
            long refetch = minRefetchInterval.toMillis();
            // Cached; an unknown kid triggers a refetch, at most one per interval, so a flood of forged
            // kids cannot make the gateway hammer the issuer.
            return JWKSourceBuilder.<SecurityContext>create(url.uri().toURL())
                    .cache(Math.max(refetch, 5 * 60_000L), 15_000)
                    .rateLimited(refetch)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new ConfigException(key(name, "jwks.url"), e.getMessage());
        }
    }

    private static JWKSet readFile(String name, JwksLocation.File file) {
        try {
            return JWKSet.parse(Files.readString(file.path())).toPublicJWKSet();
        } catch (IOException | ParseException e) {
            throw new ConfigException(key(name, "jwks.file"), "cannot read a JWKS from " + file.path() + ": " + e.getMessage());
        }
    }

    private static String key(String name, String suffix) {
        return TokenRules.TRUSTED_ISSUER_PREFIX + name + "." + suffix;
    }
}
