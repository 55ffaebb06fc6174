package dev.courier.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.courier.auth.config.JwksLocation;
import dev.courier.auth.config.TokenRules;
import dev.courier.auth.config.TrustedIssuer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TokenVerifierTest {

    private static final String BUILT_IN = "https://gateway.test";
    private static final String CORP = "https://idp.corp.test";

    private final ECKey builtInKey = key("built-in");
    private final ECKey corpKey = key("corp");
    private final TokenVerifier verifier = new TokenVerifier(
            new TokenRules("courier",
                    List.of(new TrustedIssuer("corp", CORP, new JwksLocation.File(Path.of("unused")), Optional.of("courier-api"))),
                    Set.of(JWSAlgorithm.ES256), Duration.ofSeconds(30), Duration.ofSeconds(30), 100, Duration.ofMinutes(1)),
            Optional.of(new BuiltInIssuer(BUILT_IN, new JWKSet(builtInKey.toPublicJWK()))),
            Map.of("corp", new ImmutableJWKSet<>(new JWKSet(corpKey.toPublicJWK()))));

    @Test
    void shouldQualifyAnotherIssuersSubjectSoItNeverCollidesWithABuiltInClient() throws JOSEException {
        Authentication builtIn = verifier.verify(token(builtInKey, BUILT_IN, "courier", "demo"));
        Authentication corp = verifier.verify(token(corpKey, CORP, "courier-api", "demo"));

        assertThat(principal(builtIn)).isEqualTo("demo");
        assertThat(principal(corp)).isEqualTo("corp:demo");
    }

    @Test
    void shouldRefuseATokenSignedByAnotherTrustedIssuersKey() throws JOSEException {
        assertThat(verifier.verify(token(builtInKey, CORP, "courier-api", "demo"))).isInstanceOf(Authentication.Rejected.class);
        assertThat(verifier.verify(token(corpKey, BUILT_IN, "courier", "demo"))).isInstanceOf(Authentication.Rejected.class);
    }

    @Test
    void shouldCheckEachIssuersOwnAudience() throws JOSEException {
        assertThat(verifier.verify(token(corpKey, CORP, "courier", "alice"))).isInstanceOf(Authentication.Rejected.class);
    }

    @Test
    void shouldRefuseAnIssuerItDoesNotTrust() throws JOSEException {
        assertThat(verifier.verify(token(corpKey, "https://elsewhere.test", "courier", "alice")))
                .isEqualTo(new Authentication.Rejected("invalid_token", "the token's issuer is not trusted"));
    }

    @Test
    void shouldRefuseASubjectThatCannotBeAPrincipal() throws JOSEException {
        assertThat(verifier.verify(token(corpKey, CORP, "courier-api", "alice smith"))).isInstanceOf(Authentication.Rejected.class);
        assertThat(verifier.verify(token(corpKey, CORP, "courier-api", "x".repeat(124)))).isInstanceOf(Authentication.Rejected.class);
    }

    private static String principal(Authentication authentication) {
        assertThat(authentication).isInstanceOf(Authentication.Authenticated.class);
        return ((Authentication.Authenticated) authentication).principal().id();
    }

    private static String token(ECKey signer, String issuer, String audience, String subject) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signer.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience(audience).subject(subject)
                        .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build());
        jwt.sign(new ECDSASigner(signer));
        return jwt.serialize();
    }

    private static ECKey key(String id) {
        try {
            return new ECKeyGenerator(Curve.P_256).keyID(id).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
