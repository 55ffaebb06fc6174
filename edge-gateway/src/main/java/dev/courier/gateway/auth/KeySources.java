package dev.courier.gateway.auth;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.courier.commons.config.ConfigException;
import dev.courier.gateway.config.AuthSettings;
import dev.courier.gateway.config.GatewayConfig;
import dev.courier.gateway.config.JwksLocation;
import java.io.IOException;
import java.net.MalformedURLException;
import java.nio.file.Files;
import java.text.ParseException;

/** Builds the source of verification keys the configuration names. */
public final class KeySources {

    private KeySources() {
    }

    /** @param builtIn the built-in issuer's public keys, used for {@link JwksLocation.BuiltIn} */
    public static JWKSource<SecurityContext> of(AuthSettings settings, JWKSet builtIn) {
        if (settings.jwks() instanceof JwksLocation.Url url) {
            return remote(url, settings);
        }
        if (settings.jwks() instanceof JwksLocation.File file) {
            return new ImmutableJWKSet<>(readFile(file));
        }
        return new ImmutableJWKSet<>(builtIn.toPublicJWKSet());
    }

    private static JWKSource<SecurityContext> remote(JwksLocation.Url url, AuthSettings settings) {
        try {
            long refetch = settings.minRefetchInterval().toMillis();
            // Cached; an unknown kid triggers a refetch, at most one per interval, so a flood of forged
            // kids cannot make the gateway hammer the issuer.
            return JWKSourceBuilder.<SecurityContext>create(url.uri().toURL())
                    .cache(Math.max(refetch, 5 * 60_000L), 15_000)
                    .rateLimited(refetch)
                    .retrying(false)
                    .build();
        } catch (MalformedURLException e) {
            throw new ConfigException(GatewayConfig.AUTH_JWKS_URL, e.getMessage());
        }
    }

    private static JWKSet readFile(JwksLocation.File file) {
        try {
            return JWKSet.parse(Files.readString(file.path())).toPublicJWKSet();
        } catch (IOException | ParseException e) {
            throw new ConfigException(GatewayConfig.AUTH_JWKS_FILE, "cannot read a JWKS from " + file.path() + ": " + e.getMessage());
        }
    }
}
