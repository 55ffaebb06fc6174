package dev.courier.gateway.issuer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenIssuerTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldIssueAnAccessTokenSignedWithTheKeyAndShapedAsRfc9068() throws Exception {
        SigningKeys keys = SigningKeys.loadOrGenerate(dir.resolve("signing-key.jwk"));
        TokenIssuer issuer = new TokenIssuer(keys, "https://gateway.example", "courier", Duration.ofMinutes(15),
                Clock.fixed(NOW, ZoneOffset.UTC));

        SignedJWT jwt = SignedJWT.parse(issuer.issue("demo", Set.of("blog:write", "blog:read")));

        assertThat(jwt.verify(new ECDSAVerifier(((ECKey) keys.signingKey()).toECPublicKey()))).isTrue();
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(keys.signingKey().getKeyID());
        assertThat(jwt.getHeader().getType()).isEqualTo(new JOSEObjectType("at+jwt"));
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("https://gateway.example");
        assertThat(claims.getSubject()).isEqualTo("demo");
        assertThat(claims.getStringClaim("client_id")).isEqualTo("demo");
        assertThat(claims.getAudience()).isEqualTo(List.of("courier"));
        assertThat(claims.getStringClaim("scope")).as("sorted, space-separated").isEqualTo("blog:read blog:write");
        assertThat(claims.getIssueTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getNotBeforeTime()).isEqualTo(Date.from(NOW));
        assertThat(claims.getExpirationTime()).isEqualTo(Date.from(NOW.plus(Duration.ofMinutes(15))));
        assertThat(issuer.ttl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(issuer.issuer()).isEqualTo("https://gateway.example");
    }

    @Test
    void shouldGiveEveryTokenItsOwnId() throws Exception {
        TokenIssuer issuer = new TokenIssuer(SigningKeys.loadOrGenerate(dir.resolve("k.jwk")), "iss", "aud", Duration.ofMinutes(1),
                Clock.fixed(NOW, ZoneOffset.UTC));

        String first = SignedJWT.parse(issuer.issue("demo", Set.of())).getJWTClaimsSet().getJWTID();
        String second = SignedJWT.parse(issuer.issue("demo", Set.of())).getJWTClaimsSet().getJWTID();

        assertThat(first).isNotBlank().isNotEqualTo(second);
    }

    @Test
    void shouldWriteNoScopesAsAnEmptyScope() throws Exception {
        TokenIssuer issuer = new TokenIssuer(SigningKeys.loadOrGenerate(dir.resolve("k.jwk")), "iss", "aud", Duration.ofMinutes(1),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThat(SignedJWT.parse(issuer.issue("demo", Set.of())).getJWTClaimsSet().getStringClaim("scope")).isEmpty();
    }

    @Test
    void shouldRefuseAtStartAKeyThatCannotSignTheAlgorithmItNames() throws Exception {
        ECKey mismatched = new ECKeyGenerator(Curve.P_256).keyID("k1").algorithm(JWSAlgorithm.RS256).generate();
        Path file = Files.writeString(dir.resolve("mismatched.jwk"), mismatched.toJSONString());
        SigningKeys keys = SigningKeys.loadOrGenerate(file);

        assertThatThrownBy(() -> new TokenIssuer(keys, "iss", "aud", Duration.ofMinutes(1), Clock.systemUTC()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the signing key cannot sign RS256");
    }
}
