package dev.courier.gateway.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.courier.gateway.config.AuthSettings;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Verifies a compact JWS bearer token: allowed algorithm, signature by a key from the JWKS
 * (selected by {@code kid}), {@code iss}, {@code aud}, {@code exp} and {@code nbf} with bounded skew,
 * and a subject. Thread-safe; may block when its key source fetches over HTTP.
 */
public final class TokenVerifier {

    private final DefaultJWTProcessor<SecurityContext> processor;
    private final Set<JWSAlgorithm> algorithms;

    public TokenVerifier(AuthSettings settings, JWKSource<SecurityContext> keys) {
        this.algorithms = settings.algorithms();
        this.processor = new DefaultJWTProcessor<>();
        // RFC 9068 access tokens say typ "at+jwt"; plain JWTs say "JWT" or nothing.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(settings.algorithms(), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                settings.audience(),
                new JWTClaimsSet.Builder().issuer(settings.issuer()).build(),
                Set.of("sub", "exp"));
        claims.setMaxClockSkew(Math.toIntExact(settings.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
    }

    public Authentication verify(String token) {
        SignedJWT jwt;
        try {
            jwt = SignedJWT.parse(token);
        } catch (ParseException e) {
            // Also what an unsigned "alg": "none" token gives: it is not a JWS.
            return invalid("the token is not a signed JWT");
        }
        JWSHeader header = jwt.getHeader();
        if (header.getJWKURL() != null || header.getJWK() != null || header.getX509CertURL() != null
                || header.getX509CertChain() != null) {
            // Keys named by the token itself are the attacker's keys: refuse rather than ignore.
            return invalid("the token names its own key (jku, jwk, x5u or x5c); keys come only from the configured JWKS");
        }
        if (!algorithms.contains(header.getAlgorithm())) {
            return invalid("algorithm " + header.getAlgorithm() + " is not accepted");
        }
        try {
            JWTClaimsSet claims = processor.process(jwt, null);
            return new Authentication.Authenticated(new Principal(claims.getSubject(), scopes(claims)), claims.getExpirationTime().toInstant());
        } catch (BadJOSEException e) {
            return invalid(e.getMessage());
        } catch (JOSEException e) {
            return invalid("the token cannot be verified: " + e.getMessage());
        }
    }

    private static Set<String> scopes(JWTClaimsSet claims) {
        Set<String> scopes = new HashSet<>();
        Object scope = claims.getClaim("scope");
        if (scope instanceof String text) {
            scopes.addAll(Arrays.asList(text.trim().split("\\s+")));
        }
        Object scp = claims.getClaim("scp");
        if (scp instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(scopes::add);
        } else if (scp instanceof String text) {
            scopes.addAll(Arrays.asList(text.trim().split("\\s+")));
        }
        scopes.remove("");
        return scopes;
    }

    private static Authentication invalid(String description) {
        return new Authentication.Rejected("invalid_token", description);
    }
}
