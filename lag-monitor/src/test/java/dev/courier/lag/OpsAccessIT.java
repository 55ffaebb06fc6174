package dev.courier.lag;

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
import dev.courier.commons.config.ConfigSources;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.lag.config.LagMonitorConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitor when tokens are required (as whenever it listens beyond loopback): the page, the API,
 * the live updates and the metrics answer only a token of a trusted issuer with scope ops:read; the
 * health checks stay open for probes.
 */
@ExtendWith(InfraExtension.class)
class OpsAccessIT {

    private static final String ISSUER = "https://idp.ops.test";
    private static final List<String> GUARDED = List.of("/", "/index.html", "/app.js", "/api/groups", "/api/dead-letters",
            "/api/groups/any/history", "/metrics");

    private final HttpClient http = HttpClient.newHttpClient();
    private ECKey key;
    private LagMonitor monitor;

    @BeforeEach
    void start(KafkaEndpoint kafka, @TempDir Path dir) throws Exception {
        key = new ECKeyGenerator(Curve.P_256).keyID("ops-1").generate();
        Path jwks = Files.writeString(dir.resolve("jwks.json"), new JWKSet(key.toPublicJWK()).toString());
        Map<String, String> env = new HashMap<>();
        env.put(ConfigSources.envName(LagMonitorConfig.BOOTSTRAP_SERVERS), kafka.bootstrapServers());
        env.put(ConfigSources.envName(LagMonitorConfig.HTTP_PORT), "0");
        env.put(ConfigSources.envName(LagMonitorConfig.AUTH_REQUIRED), "true");
        env.put(ConfigSources.envName(TokenRules.TRUSTED_ISSUERS), "ops");
        env.put(ConfigSources.envName(TokenRules.TRUSTED_ISSUER_PREFIX + "ops.issuer"), ISSUER);
        env.put(ConfigSources.envName(TokenRules.TRUSTED_ISSUER_PREFIX + "ops.jwks.file"), jwks.toString());
        monitor = LagMonitor.start(LagMonitorConfig.load(null, env));
    }

    @AfterEach
    void stop() {
        monitor.close();
    }

    @Test
    void shouldAskForABearerTokenEverywhereButTheHealthChecks() throws Exception {
        for (String path : GUARDED) {
            HttpResponse<String> response = get(path, null);

            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Bearer realm=\"courier\"");
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            assertThat(response.body()).as(path).doesNotContain("kafka_consumergroup").doesNotContain("<html");
        }
        assertThat(get("/health/live", null).statusCode()).isEqualTo(200);
        assertThat(get("/health/ready", null).statusCode()).isIn(200, 503);
    }

    @Test
    void shouldRefuseATokenWithoutTheOperatorsScope() throws Exception {
        HttpResponse<String> response = get("/api/groups", token(key, ISSUER, "blog:write", Duration.ofMinutes(5)));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"insufficient_scope\"")
                .contains("scope=\"ops:read\"");
        assertThat(response.body()).contains("missing scope: ops:read");
    }

    @Test
    void shouldRefuseForgedExpiredAndMalformedTokens() throws Exception {
        ECKey stranger = new ECKeyGenerator(Curve.P_256).keyID("ops-1").generate();
        Map<String, String> refused = Map.of(
                "forged", token(stranger, ISSUER, "ops:read", Duration.ofMinutes(5)),
                "expired", token(key, ISSUER, "ops:read", Duration.ofMinutes(-10)),
                "untrusted issuer", token(key, "https://elsewhere.test", "ops:read", Duration.ofMinutes(5)));
        for (Map.Entry<String, String> token : refused.entrySet()) {
            HttpResponse<String> response = get("/metrics", token.getValue());

            assertThat(response.statusCode()).as(token.getKey()).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate").orElseThrow()).as(token.getKey()).contains("error=\"invalid_token\"");
        }
        HttpResponse<String> malformed = send(HttpRequest.newBuilder(uri("/api/groups")).header("Authorization", "Bearer not a token").build());
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(malformed.headers().firstValue("WWW-Authenticate").orElseThrow()).contains("error=\"invalid_request\"");
    }

    @Test
    void shouldServeEverythingToAnOperatorsToken() throws Exception {
        String token = token(key, ISSUER, "ops:read", Duration.ofMinutes(5));

        assertThat(get("/", token).body()).contains("<html");
        assertThat(get("/api/groups", token).statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get("/metrics", token);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("courier_health_check_up{application=\"lag-monitor\"");
        HttpResponse<InputStream> live = http.send(HttpRequest.newBuilder(uri("/api/events")).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader events = new BufferedReader(new InputStreamReader(live.body(), StandardCharsets.UTF_8))) {
            assertThat(live.statusCode()).isEqualTo(200);
            assertThat(live.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
            assertThat(events.readLine()).isEqualTo("event: snapshot");
        }
    }

    private HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + monitor.port() + path);
    }

    private static String token(ECKey signer, String issuer, String scope, Duration validFor) throws JOSEException {
        Instant now = Instant.now();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(signer.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(issuer).audience("courier").subject("alice").claim("scope", scope)
                        .issueTime(Date.from(now.minus(Duration.ofMinutes(20)))).expirationTime(Date.from(now.plus(validFor))).build());
        jwt.sign(new ECDSASigner(signer));
        return jwt.serialize();
    }
}
