package dev.courier.gateway.config;

import static dev.courier.gateway.config.GatewayConfig.AUTH_ISSUER;

import dev.courier.auth.config.TokenRules;
import dev.courier.commons.config.ConfigValues;
import java.net.URI;
import java.util.Set;

/**
 * How the gateway checks bearer tokens: the rules every Courier process shares, and the {@code iss}
 * of the built-in issuer's tokens (which no trusted issuer may claim).
 *
 * @param issuer the exact {@code iss} of the built-in issuer's tokens
 */
public record AuthSettings(String issuer, TokenRules tokens) {

    static AuthSettings read(ConfigValues values, URI publicUrl) {
        String builtInIssuer = values.string(AUTH_ISSUER, publicUrl.toString());
        return new AuthSettings(builtInIssuer, TokenRules.read(values, Set.of(builtInIssuer)));
    }
}
