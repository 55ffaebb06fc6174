package dev.courier.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.courier.commons.management.HealthCheck;
import dev.courier.gateway.config.ThrottleSettings;
import dev.courier.gateway.issuer.ClientRegistry;
import dev.courier.gateway.issuer.SecretChecks;
import dev.courier.gateway.issuer.SigningKeys;
import dev.courier.gateway.issuer.TokenIssuer;
import dev.courier.gateway.issuer.TokenThrottle;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.junit5.VertxExtension;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fixed endpoints on a real server: health, the issuer's metadata, the token endpoint's
 * refusals, the body limit and the failure handler. No Redis: every token request here is refused
 * before the throttle would count it, which is part of what is tested (a malformed request costs
 * no Redis round trip); one that reached the throttle would fail with 500.
 */
@ExtendWith(VertxExtension.class)
class HttpEndpointsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_BODY = 1024;

    private final AtomicBoolean redisUp = new AtomicBoolean(true);
    private SecretChecks secrets;
    private SigningKeys keys;
    private HttpServer server;
    private HttpClient client;

    @BeforeEach
    void start(Vertx vertx, @TempDir Path dir) throws Exception {
        keys = SigningKeys.loadOrGenerate(dir.resolve("signing-key.jwk"));
        secrets = new SecretChecks(new ClientRegistry(List.of()), 1, 1);
        TokenEndpoint token = new TokenEndpoint(new TokenIssuer(keys, "http://gateway.test", "courier", Duration.ofMinutes(5), Clock.systemUTC()),
                new TokenThrottle(null, new ThrottleSettings(1, 1, 1, Duration.ofMinutes(1))), secrets);
        WellKnownHandlers wellKnown = new WellKnownHandlers(keys.publicKeys(), "http://gateway.test", URI.create("http://gateway.test:8080/"),
                () -> Set.of("user:read", "blog:write", "blog:read"));
        HealthHandlers health = new HealthHandlers(List.of(new HealthCheck("redis", redisUp::get), new HealthCheck("kafka", () -> true)));
        Router router = Router.router(vertx);
        router.route().handler(new BodyReader(MAX_BODY));
        router.get("/health/live").handler(health::live);
        router.get("/health/ready").handler(health::ready);
        router.get("/.well-known/jwks.json").handler(wellKnown::jwks);
        router.get("/.well-known/openid-configuration").handler(wellKnown::discovery);
        router.post("/oauth2/token").handler(token);
        router.get("/boom").handler(routing -> {
            throw new IllegalStateException("a bug");
        });
        router.get("/teapot").handler(routing -> routing.fail(418));
        router.route().failureHandler(new FailureHandler());
        server = vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1")
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        client = vertx.createHttpClient();
    }

    @AfterEach
    void stop() {
        secrets.close();
    }

    @Test
    void shouldAnswerLivenessWhateverTheChecksSay() throws Exception {
        redisUp.set(false);

        Response response = send(HttpMethod.GET, "/health/live", Map.of(), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void shouldBeReadyOnlyWhileEveryCheckIsUpAndNameTheOneThatIsNot() throws Exception {
        Response ready = send(HttpMethod.GET, "/health/ready", Map.of(), null);
        redisUp.set(false);
        Response notReady = send(HttpMethod.GET, "/health/ready", Map.of(), null);

        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        assertThat(notReady.status()).isEqualTo(503);
        assertThat(notReady.json().get("status").asText()).isEqualTo("DOWN");
        assertThat(notReady.json().get("checks").get("redis").asText()).isEqualTo("DOWN");
        assertThat(notReady.json().get("checks").get("kafka").asText()).isEqualTo("UP");
        assertThat(notReady.headers().get("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void shouldPublishOnlyThePublicSigningKey() throws Exception {
        Response response = send(HttpMethod.GET, "/.well-known/jwks.json", Map.of(), null);

        JsonNode key = response.json().get("keys").get(0);
        assertThat(response.status()).isEqualTo(200);
        assertThat(key.get("kid").asText()).isEqualTo(keys.signingKey().getKeyID());
        assertThat(key.has("d")).isFalse();
        assertThat(response.headers().get("Cache-Control")).isEqualTo("public, max-age=300");
    }

    @Test
    void shouldDescribeTheIssuerWithEndpointsUnderThePublicUrl() throws Exception {
        JsonNode discovery = send(HttpMethod.GET, "/.well-known/openid-configuration", Map.of(), null).json();

        assertThat(discovery.get("issuer").asText()).isEqualTo("http://gateway.test");
        assertThat(discovery.get("token_endpoint").asText()).isEqualTo("http://gateway.test:8080/oauth2/token");
        assertThat(discovery.get("jwks_uri").asText()).isEqualTo("http://gateway.test:8080/.well-known/jwks.json");
        assertThat(discovery.get("grant_types_supported")).containsExactly(JSON.getNodeFactory().textNode("client_credentials"));
        assertThat(discovery.get("scopes_supported").toString()).isEqualTo("[\"blog:read\",\"blog:write\",\"user:read\"]");
    }

    @Test
    void shouldRefuseATokenRequestThatIsNotAUtf8Form() throws Exception {
        Response json = token(Map.of("Content-Type", "application/json"), "{\"grant_type\":\"client_credentials\"}");
        Response latin1 = token(Map.of("Content-Type", "application/x-www-form-urlencoded; charset=iso-8859-1"), "grant_type=client_credentials");
        Response none = token(Map.of(), "grant_type=client_credentials");

        for (Response response : List.of(json, latin1, none)) {
            assertOAuthError(response, 400, "invalid_request", "the body must be application/x-www-form-urlencoded");
        }
        assertThat(json.headers().get("Cache-Control")).isEqualTo("no-store");
        assertThat(json.headers().get("Pragma")).isEqualTo("no-cache");
    }

    @Test
    void shouldRefuseAFormWithARepeatedParameter() throws Exception {
        assertOAuthError(token(form(), "grant_type=client_credentials&grant_type=client_credentials"), 400, "invalid_request",
                "the parameter grant_type is given more than once");
    }

    @Test
    void shouldRequireTheClientCredentialsGrant() throws Exception {
        assertOAuthError(token(form(), "scope=blog%3Aread"), 400, "invalid_request", "grant_type is required");
        assertOAuthError(token(form(), "grant_type=password&username=a&password=b"), 400, "unsupported_grant_type",
                "only client_credentials is supported");
    }

    @Test
    void shouldRefuseAScopeThatIsNotSpaceSeparatedTokens() throws Exception {
        assertOAuthError(token(form(), "grant_type=client_credentials&scope=blog%3Aread++blog%3Awrite"), 400, "invalid_scope",
                "scope must be scope tokens separated by single spaces");
        assertOAuthError(token(form(), "grant_type=client_credentials&scope=blog%5Cread"), 400, "invalid_scope",
                "scope must be scope tokens separated by single spaces");
    }

    @Test
    void shouldChallengeARequestWithoutClientAuthentication() throws Exception {
        Response response = token(form(), "grant_type=client_credentials");

        assertOAuthError(response, 401, "invalid_client", "client authentication is required");
        assertThat(response.headers().get("WWW-Authenticate")).isEqualTo("Basic realm=\"courier\"");
    }

    @Test
    void shouldRefuseTwoWaysOfAuthenticatingAtOnce() throws Exception {
        Map<String, String> headers = Map.of("Content-Type", "application/x-www-form-urlencoded",
                "Authorization", "Basic " + Base64.getEncoder().encodeToString("demo:s".getBytes(StandardCharsets.UTF_8)));

        assertOAuthError(token(headers, "grant_type=client_credentials&client_id=demo&client_secret=s"), 400, "invalid_request",
                "authenticate either with HTTP Basic or with client_id and client_secret in the form, not both");
    }

    @Test
    void shouldRefuseAClientIdNoClientCanHaveWithoutCountingIt() throws Exception {
        Response response = token(form(), "grant_type=client_credentials&client_id=corp%3Ademo&client_secret=s");

        assertOAuthError(response, 401, "invalid_client", "unknown client or wrong secret");
    }

    @Test
    void shouldRefuseABodyOverTheLimitAndCloseTheConnection() throws Exception {
        Response response = token(form(), "grant_type=client_credentials&pad=" + "x".repeat(MAX_BODY));

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.headers().get("Connection")).isEqualTo("close");
        assertThat(response.json().get("type").asText()).isEqualTo("urn:courier:problem:payload-too-large");
    }

    @Test
    void shouldAnswerABugWithA500ProblemThatQuotesTheRequestId() throws Exception {
        Response response = send(HttpMethod.GET, "/boom", Map.of(), null);

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:courier:problem:internal-error");
        assertThat(response.json().get("detail").asText()).doesNotContain("a bug");
        assertThat(response.json().get("requestId").asText()).isEqualTo(response.headers().get("X-Request-Id"));
    }

    @Test
    void shouldAnswerAClientErrorItFailedWithAsAProblemOfThatStatus() throws Exception {
        Response response = send(HttpMethod.GET, "/teapot", Map.of(), null);

        assertThat(response.status()).isEqualTo(418);
        assertThat(response.json().get("type").asText()).isEqualTo("urn:courier:problem:bad-request");
        assertThat(response.json().get("instance").asText()).isEqualTo("/teapot");
    }

    private record Response(int status, MultiMap headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }

    private static Map<String, String> form() {
        return Map.of("Content-Type", "application/x-www-form-urlencoded");
    }

    private Response token(Map<String, String> headers, String body) throws Exception {
        return send(HttpMethod.POST, "/oauth2/token", headers, body);
    }

    private static void assertOAuthError(Response response, int status, String error, String description) throws IOException {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(response.json().has("error")).as(response.body()).isTrue();
        assertThat(response.json().get("error").asText()).isEqualTo(error);
        assertThat(response.json().get("error_description").asText()).isEqualTo(description);
    }

    private Response send(HttpMethod method, String uri, Map<String, String> headers, String body) throws Exception {
        RequestOptions options = new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(server.actualPort()).setURI(uri);
        headers.forEach(options::putHeader);
        return client.request(options)
                .compose(request -> body == null ? request.send() : request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(bytes -> new Response(response.statusCode(), response.headers(), bytes.toString())))
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
