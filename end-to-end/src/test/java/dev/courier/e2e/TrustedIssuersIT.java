package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.SignedJWT;
import dev.courier.auth.config.TokenRules;
import dev.courier.gateway.Gateway;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.redis.RedisEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two trusted issuers whose tokens both say {@code sub=demo} are two principals: the outside
 * issuer's {@code demo} is {@code corp:demo}, and can neither edit the built-in client's posts, nor
 * read its requests, nor replay its idempotency keys.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustedIssuersIT {

    private static final String CORP = "https://idp.corp.test";

    private Stack stack;
    private Gateway gateway;
    private Http http;
    private String builtInDemo;
    private String corpDemo;

    @BeforeAll
    void start(KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path dir) throws Exception {
        ECKey corpKey = new ECKeyGenerator(Curve.P_256).keyID("corp-1").generate();
        Path jwks = Files.writeString(dir.resolve("corp-jwks.json"), new JWKSet(corpKey.toPublicJWK()).toString());
        stack = Stack.start(kafka, redis, dir);
        gateway = stack.gateway("issuers-gw", Map.of(
                TokenRules.TRUSTED_ISSUERS, "corp",
                TokenRules.TRUSTED_ISSUERS + ".corp.issuer", CORP,
                TokenRules.TRUSTED_ISSUERS + ".corp.jwks.file", jwks.toString()));
        http = new Http(gateway.port());
        builtInDemo = http.token("demo", Stack.DEMO_SECRET);
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID("corp-1").type(JOSEObjectType.JWT).build(),
                Tokens.claims().issuer(CORP).subject("demo").build());
        jwt.sign(new ECDSASigner(corpKey));
        corpDemo = jwt.serialize();
    }

    @AfterAll
    void stop() {
        gateway.close();
        stack.close();
    }

    @Test
    void shouldKeepAnotherIssuersSameSubjectAwayFromTheBuiltInClientsPosts() {
        Http.Response created = http.request("POST", "/posts").bearer(builtInDemo).json("{\"title\":\"mine\",\"content\":\"x\"}").send();
        String post = created.header("Location");

        Http.Response edit = http.request("PATCH", post).bearer(corpDemo).json("{\"title\":\"taken over\"}").send();
        Http.Response delete = http.request("DELETE", post).bearer(corpDemo).send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(edit.status()).as(edit.body()).isEqualTo(403);
        assertThat(delete.status()).isEqualTo(403);
        assertThat(http.request("GET", post).bearer(corpDemo).send().json().get("title").asText()).isEqualTo("mine");
    }

    @Test
    void shouldGiveTheOtherIssuersSubjectAPrincipalOfItsOwn() {
        Http.Response created = http.request("POST", "/posts").bearer(corpDemo).json("{\"title\":\"corp's\",\"content\":\"x\"}").send();

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("authorId").asText()).isEqualTo("corp:demo");
        Http.Response listed = http.request("GET", "/users/corp:demo/posts").bearer(builtInDemo).send();
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("posts").get(0).get("authorId").asText()).isEqualTo("corp:demo");
    }

    @Test
    void shouldKeepRequestsAndIdempotencyKeysApartAcrossIssuers() {
        Http.Response mine = http.request("POST", "/posts").bearer(builtInDemo).header("Idempotency-Key", "shared-key")
                .json("{\"title\":\"once\",\"content\":\"x\"}").send();
        Http.Response theirs = http.request("POST", "/posts").bearer(corpDemo).header("Idempotency-Key", "shared-key")
                .json("{\"title\":\"once\",\"content\":\"x\"}").send();

        assertThat(mine.status()).isEqualTo(201);
        assertThat(theirs.status()).isEqualTo(201);
        assertThat(theirs.header("Location")).isNotEqualTo(mine.header("Location"));
        assertThat(http.request("GET", "/requests/" + mine.header("X-Request-Id")).bearer(corpDemo).send().status()).isEqualTo(404);
        assertThat(http.request("GET", "/requests/" + mine.header("X-Request-Id")).bearer(builtInDemo).send().status()).isEqualTo(200);
    }
}
