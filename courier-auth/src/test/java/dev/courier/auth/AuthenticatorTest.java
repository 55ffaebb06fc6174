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
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.courier.auth.config.TokenRules;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final String ISSUER = "https://issuer.test";
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final Duration CACHE_TTL = Duration.ofMinutes(1);

    private final Instant start = Instant.now();
    private Duration elapsed = Duration.ZERO;
    private ECKey key;
    private Authenticator authenticator;

    @BeforeEach
    void setUp() throws JOSEException {
        key = new ECKeyGenerator(Curve.P_256).keyID("k1").generate();
        TokenRules settings = new TokenRules("courier", List.of(),
                Set.of(JWSAlgorithm.ES256), SKEW, Duration.ofSeconds(30), 100, CACHE_TTL);
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return start.plus(elapsed);
            }
        };
        VerifiedTokens verified = new VerifiedTokens(100, CACHE_TTL, SKEW, clock, () -> elapsed.toNanos());
        BuiltInIssuer issuer = new BuiltInIssuer(ISSUER, new JWKSet(key.toPublicJWK()));
        authenticator = new Authenticator(new TokenVerifier(settings, Optional.of(issuer), Map.of()), verified);
    }

    @Test
    void shouldVerifyATokenOnceThenKnowIt() throws JOSEException {
        String header = "Bearer " + token(key, Duration.ofHours(1));

        assertThat(authenticator.known(header)).isEmpty();
        Authentication first = authenticator.verify(header);

        assertThat(first).isInstanceOf(Authentication.Authenticated.class);
        assertThat(authenticator.known(header)).contains(first);
    }

    @Test
    void shouldVerifyATokenOnceForAllTheRequestsThatBringItAtTheSameTime() throws JOSEException {
        String header = "Bearer " + token(key, Duration.ofHours(1));
        Queue<Runnable> checks = new ArrayDeque<>();

        List<CompletableFuture<Authentication>> answers = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            answers.add(authenticator.authenticate(header, checks::add).toCompletableFuture());
        }

        assertThat(checks).hasSize(1);
        assertThat(answers).noneMatch(CompletableFuture::isDone);
        checks.remove().run();
        assertThat(answers).allSatisfy(answer -> assertThat(answer.join()).isInstanceOf(Authentication.Authenticated.class));
        assertThat(authenticator.authenticate(header, checks::add).toCompletableFuture()).isCompleted();
        assertThat(checks).isEmpty();
    }

    @Test
    void shouldCheckARejectedTokenAgainWhenItComesBack() throws JOSEException {
        String header = "Bearer " + token(new ECKeyGenerator(Curve.P_256).keyID("k1").generate(), Duration.ofHours(1));
        Queue<Runnable> checks = new ArrayDeque<>();

        CompletableFuture<Authentication> first = authenticator.authenticate(header, checks::add).toCompletableFuture();
        checks.remove().run();
        authenticator.authenticate(header, checks::add);

        assertThat(first.join()).isInstanceOf(Authentication.Rejected.class);
        assertThat(checks).as("a new check, not the old answer").hasSize(1);
    }

    @Test
    void shouldNeverRememberARejectedToken() throws JOSEException {
        String header = "Bearer " + token(new ECKeyGenerator(Curve.P_256).keyID("k1").generate(), Duration.ofHours(1));

        assertThat(authenticator.verify(header)).isInstanceOf(Authentication.Rejected.class);
        assertThat(authenticator.known(header)).isEmpty();
    }

    @Test
    void shouldForgetATokenWhenItExpiresBeyondTheSkew() throws JOSEException {
        String header = "Bearer " + token(key, Duration.ofSeconds(20));
        authenticator.verify(header);

        elapsed = Duration.ofSeconds(20).plus(SKEW).minusSeconds(1);
        assertThat(authenticator.known(header)).isPresent();
        elapsed = Duration.ofSeconds(20).plus(SKEW).plusSeconds(1);
        assertThat(authenticator.known(header)).isEmpty();
    }

    @Test
    void shouldCheckTheSignatureAgainAfterTheCacheTtl() throws JOSEException {
        String header = "Bearer " + token(key, Duration.ofHours(1));
        authenticator.verify(header);

        elapsed = CACHE_TTL.plusSeconds(1);

        assertThat(authenticator.known(header)).isEmpty();
    }

    @Test
    void shouldAnswerMissingAndMalformedHeadersWithoutVerifying() {
        assertThat(authenticator.known(null)).containsInstanceOf(Authentication.Missing.class);
        assertThat(authenticator.known("Basic abc")).containsInstanceOf(Authentication.Missing.class);
        assertThat(authenticator.known("Bearer a b")).containsInstanceOf(Authentication.Rejected.class);
    }

    private static String token(ECKey signer, Duration lifetime) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(ISSUER).audience("courier").subject("alice")
                        .claim("scope", "blog:write").issueTime(Date.from(now)).expirationTime(Date.from(now.plus(lifetime))).build());
        jwt.sign(new ECDSASigner(signer));
        return jwt.serialize();
    }
}
