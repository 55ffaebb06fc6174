package dev.courier.auth;

import com.nimbusds.jose.jwk.JWKSet;

/**
 * The gateway's own token issuer, as a verifier sees it: its tokens' {@code iss} and its public keys.
 * Its principals are its client ids as they are, unqualified.
 */
public record BuiltInIssuer(String issuer, JWKSet publicKeys) {

    public BuiltInIssuer {
        publicKeys = publicKeys.toPublicJWKSet();
    }
}
