package dev.courier.gateway.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** Mints access tokens (RFC 9068 shape) signed with the issuer's key. */
public final class TokenIssuer {

    private final SigningKeys keys;
    private final JWSSigner signer;
    private final String issuer;
    private final String audience;
    private final Duration ttl;
    private final Clock clock;

    public TokenIssuer(SigningKeys keys, String issuer, String audience, Duration ttl, Clock clock) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.ttl = ttl;
        this.clock = clock;
        try {
            this.signer = new DefaultJWSSignerFactory().createJWSSigner(keys.signingKey(), keys.algorithm());
        } catch (JOSEException e) {
            throw new IllegalStateException("the signing key cannot sign " + keys.algorithm(), e);
        }
    }

    public String issue(String subject, Set<String> scopes) {
        Instant now = clock.instant();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .subject(subject)
                .audience(audience)
                .claim("client_id", subject)
                .claim("scope", String.join(" ", new TreeSet<>(scopes)))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plus(ttl)))
                .jwtID(UUID.randomUUID().toString())
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(keys.algorithm())
                .keyID(keys.signingKey().getKeyID())
                .type(new JOSEObjectType("at+jwt"))
                .build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing failed", e);
        }
        return jwt.serialize();
    }

    public Duration ttl() {
        return ttl;
    }

    public String issuer() {
        return issuer;
    }
}
