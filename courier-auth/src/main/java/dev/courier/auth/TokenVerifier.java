package dev.courier.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.courier.auth.config.TokenRules;
import dev.courier.auth.config.TrustedIssuer;
import dev.courier.schemas.kafka.CourierHeaders;
import java.text.ParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a compact JWS bearer token: an issuer the gateway trusts, an allowed algorithm, a
 * signature by a key from that issuer's JWKS (selected by {@code kid}), {@code aud}, {@code exp} and
 * {@code nbf} with bounded skew, and a subject. The principal is the subject qualified by its
 * issuer: the built-in issuer's {@code sub} as it is (its client ids hold no {@code ':'}), a trusted
 * issuer's as {@code <name>:<sub>}. Thread-safe; may block when a key source fetches over HTTP.
 */
public final class TokenVerifier {

    private final Map<String, Issuer> issuers = new HashMap<>();
    private final Set<JWSAlgorithm> algorithms;

    /**
     * @param builtIn the gateway's own issuer; empty where it is off or elsewhere (the lag monitor)
     * @param trustedKeys each trusted issuer's key source, by name
     */
    public TokenVerifier(TokenRules settings, Optional<BuiltInIssuer> builtIn, Map<String, JWKSource<SecurityContext>> trustedKeys) {
        this.algorithms = settings.algorithms();
        builtIn.ifPresent(own -> issuers.put(own.issuer(),
                new Issuer("", processor(settings, own.issuer(), settings.audience(), new ImmutableJWKSet<>(own.publicKeys())))));
        for (TrustedIssuer trusted : settings.trusted()) {
            issuers.put(trusted.issuer(), new Issuer(trusted.name() + ":", processor(settings, trusted.issuer(),
                    trusted.audience().orElse(settings.audience()), trustedKeys.get(trusted.name()))));
        }
    }

    public Authentication verify(String token) {
        SignedJWT jwt;
        String issuerName;
        try {
            jwt = SignedJWT.parse(token);
            issuerName = jwt.getJWTClaimsSet().getIssuer();
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
        Issuer issuer = issuerName == null ? null : issuers.get(issuerName);
        if (issuer == null) {
            return invalid("the token's issuer is not trusted");
        }
        try {
            JWTClaimsSet claims = issuer.processor().process(jwt, null);
            String principal = issuer.prefix() + claims.getSubject();
            if (!CourierHeaders.isPrintableId(principal)) {
                return invalid("the token's sub must be printable ASCII without spaces, at most 128 characters with its issuer's name");
            }
            return new Authentication.Authenticated(new Principal(principal, scopes(claims)), claims.getExpirationTime().toInstant());
        } catch (BadJOSEException e) {
            return invalid(e.getMessage());
        } catch (JOSEException e) {
            return invalid("the token cannot be verified: " + e.getMessage());
        }
    }

    private static DefaultJWTProcessor<SecurityContext> processor(TokenRules settings, String issuer, String audience,
                                                                  JWKSource<SecurityContext> keys) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        // RFC 9068 access tokens say typ "at+jwt"; plain JWTs say "JWT" or nothing.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"), null));
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(settings.algorithms(), keys));
        DefaultJWTClaimsVerifier<SecurityContext> claims = new DefaultJWTClaimsVerifier<>(
                audience,
                new JWTClaimsSet.Builder().issuer(issuer).build(),
                Set.of("sub", "exp"));
        claims.setMaxClockSkew(Math.toIntExact(settings.clockSkew().toSeconds()));
        processor.setJWTClaimsSetVerifier(claims);
        return processor;
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

    /** One trusted issuer: how its principals are qualified and how its tokens are checked. */
    private record Issuer(String prefix, DefaultJWTProcessor<SecurityContext> processor) {
    }
}
