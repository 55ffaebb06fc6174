package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.Gateway;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.redis.RedisEndpoint;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Every way a token can be wrong gets 401 or 403 and puts nothing on any command topic. */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthMatrixIT {

    private static final String BODY = "{\"title\":\"t\",\"content\":\"c\"}";

    private Stack stack;
    private Gateway gateway;
    private Http http;
    private Tokens tokens;

    @BeforeAll
    void start(KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path dir) throws Exception {
        stack = Stack.start(kafka, redis, dir);
        gateway = stack.gateway("auth-gw", Map.of());
        http = new Http(gateway.port());
        tokens = new Tokens(stack.signingKeyFile());
    }

    @AfterAll
    void stop() {
        gateway.close();
        stack.close();
    }

    @AfterEach
    void noCommandWasProduced() {
        assertThat(stack.commandRecords()).isZero();
    }

    @Test
    void shouldAnswer401WithABareChallengeWhenThereIsNoToken() {
        Http.Response response = http.request("POST", "/posts").json(BODY).send();

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).isEqualTo("Bearer realm=\"courier\"");
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
    }

    @Test
    void shouldAnswer401InvalidTokenForAMalformedToken() {
        assertInvalidToken("not-a-jwt");
    }

    @Test
    void shouldAnswer401ForAnExpiredToken() throws Exception {
        assertInvalidToken(tokens.signed(claims -> claims.expirationTime(Date.from(Instant.now().minusSeconds(120)))));
    }

    @Test
    void shouldAnswer401ForATokenNotYetValid() throws Exception {
        assertInvalidToken(tokens.signed(claims -> claims.notBeforeTime(Date.from(Instant.now().plusSeconds(600)))));
    }

    @Test
    void shouldAnswer401ForAWrongIssuer() throws Exception {
        assertInvalidToken(tokens.signed(claims -> claims.issuer("https://evil.example")));
    }

    @Test
    void shouldAnswer401ForAWrongAudience() throws Exception {
        assertInvalidToken(tokens.signed(claims -> claims.audience("someone-else")));
    }

    @Test
    void shouldAnswer401ForAnUnsignedAlgNoneToken() {
        assertInvalidToken(tokens.unsigned());
    }

    @Test
    void shouldAnswer401ForHs256SignedWithThePublicKey() throws Exception {
        assertInvalidToken(tokens.hmacWithPublicKey());
    }

    @Test
    void shouldAnswer401ForAnUnknownKid() throws Exception {
        assertInvalidToken(tokens.unknownKid());
    }

    @Test
    void shouldAnswer401ForAnEmbeddedJwkOrJkuHeader() throws Exception {
        assertInvalidToken(tokens.embeddedJwk());
        assertInvalidToken(tokens.jkuHeader());
    }

    @Test
    void shouldAnswer403InsufficientScopeWhenAScopeIsMissing() {
        String readerToken = http.token("reader", Stack.READER_SECRET);

        Http.Response response = http.request("POST", "/posts").bearer(readerToken).json(BODY).send();

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.header("WWW-Authenticate")).contains("error=\"insufficient_scope\"").contains("scope=\"blog:write\"");
    }

    @Test
    void shouldAcceptAValidHandMadeTokenAsAControl() throws Exception {
        // The same token minus its defect is accepted (a body error, so still nothing is produced).
        Http.Response response = http.request("POST", "/posts").bearer(tokens.signed(claims -> claims)).json("{}").send();

        assertThat(response.status()).isEqualTo(400);
    }

    @Test
    void shouldRefuseATokenRequestWithAWrongSecretOrAScopeBeyondTheClients() {
        Http.Response wrongSecret = http.request("POST", "/oauth2/token").header("Content-Type", "application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&client_id=demo&client_secret=wrong").send();
        Http.Response tooMuch = http.request("POST", "/oauth2/token").header("Content-Type", "application/x-www-form-urlencoded")
                .body("grant_type=client_credentials&client_id=reader&client_secret=" + Stack.READER_SECRET + "&scope=blog:write").send();

        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.json().get("error").asText()).isEqualTo("invalid_client");
        assertThat(tooMuch.status()).isEqualTo(400);
        assertThat(tooMuch.json().get("error").asText()).isEqualTo("invalid_scope");
    }

    private void assertInvalidToken(String token) {
        Http.Response response = http.request("POST", "/posts").bearer(token).json(BODY).send();
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer realm=\"courier\", error=\"invalid_token\"");
        assertThat(response.json().get("requestId").asText()).isEqualTo(response.header("X-Request-Id"));
    }
}
