package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.commons.redis.RedisClients;
import dev.courier.gateway.Gateway;
import dev.courier.gateway.config.GatewayConfig;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.redis.RedisEndpoint;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.redisson.api.RedissonClient;

/**
 * The token endpoint under abuse: requests that are not exactly right are refused as RFC 6749 says,
 * guesses are throttled per client id and per address across instances, and a flood of wrong
 * secrets never slows down anyone else's requests.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TokenEndpointIT {

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final int PER_ADDRESS = 30;
    private static final int PER_CLIENT_AND_ADDRESS = 5;

    private static final Map<String, String> THROTTLE = Map.of(
            GatewayConfig.ISSUER_MAX_PER_ADDRESS, Integer.toString(PER_ADDRESS),
            GatewayConfig.ISSUER_MAX_PER_CLIENT_AND_ADDRESS, Integer.toString(PER_CLIENT_AND_ADDRESS),
            GatewayConfig.ISSUER_MAX_PER_CLIENT, "1000",
            GatewayConfig.ISSUER_THROTTLE_WINDOW, "10m");

    private Stack stack;
    private Gateway gateway;
    private Http http;
    private RedissonClient redis;
    /** Latency of the other client's requests during the flood, in microseconds: printed, not asserted. */
    private final Histogram otherClient = new Histogram(3);

    @BeforeAll
    void start(KafkaEndpoint kafka, RedisEndpoint redisEndpoint, @TempDir Path dir) {
        stack = Stack.start(kafka, redisEndpoint, dir);
        gateway = stack.gateway("token-gw", THROTTLE);
        http = new Http(gateway.port());
        redis = RedisClients.create(redisEndpoint.uri(), Duration.ofSeconds(3), "token-endpoint-it");
    }

    @BeforeEach
    void forgetEarlierAttempts() {
        // Every test here comes from 127.0.0.1; each starts with no attempts counted against it.
        redis.getKeys().deleteByPattern("gateway:token-attempts:*");
    }

    @AfterAll
    void stop() {
        redis.getKeys().deleteByPattern("gateway:token-attempts:*");
        redis.shutdown();
        gateway.close();
        stack.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "grant_type twice               | application/x-www-form-urlencoded    | grant_type=client_credentials&grant_type=password&client_id=demo&client_secret=x | invalid_request",
        "a form type only by prefix     | application/x-www-form-urlencodedx   | grant_type=client_credentials&client_id=demo&client_secret=x                     | invalid_request",
        "JSON instead of a form         | application/json                     | {\"grant_type\":\"client_credentials\"}                                          | invalid_request",
        "a broken escape                | application/x-www-form-urlencoded    | grant_type=client_credentials&client_id=de%zzmo&client_secret=x                 | invalid_request",
        "no grant_type                  | application/x-www-form-urlencoded    | client_id=demo&client_secret=x                                                   | invalid_request",
        "another grant                  | application/x-www-form-urlencoded    | grant_type=password&client_id=demo&client_secret=x                               | unsupported_grant_type",
        "a scope that is not a token    | application/x-www-form-urlencoded    | grant_type=client_credentials&client_id=demo&client_secret=x&scope=a%22b         | invalid_scope"})
    void shouldRefuseARequestThatIsNotExactlyRightWith400(String name, String contentType, String body, String error) {
        Http.Response response = http.request("POST", "/oauth2/token").header("Content-Type", contentType).body(body).send();

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo(error);
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    void shouldRefuseAClientThatAuthenticatesInTwoWaysAtOnce() {
        Http.Response response = http.request("POST", "/oauth2/token").header("Content-Type", FORM)
                .header("Authorization", basic("demo", Stack.DEMO_SECRET))
                .body("grant_type=client_credentials&client_id=demo&client_secret=" + Stack.DEMO_SECRET).send();

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("error").asText()).isEqualTo("invalid_request");
    }

    @Test
    void shouldAnswerTheSameWayForAnUnknownClientAndAWrongSecret() {
        Http.Response unknown = tokenRequest(http, "nobody", "wrong");
        Http.Response wrong = tokenRequest(http, "demo", "wrong");

        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
        assertThat(unknown.header("WWW-Authenticate")).isEqualTo(wrong.header("WWW-Authenticate"));
    }

    @Test
    void shouldThrottleGuessesAtAClientAcrossInstancesWithoutLockingItOutElsewhere() {
        // Two instances of their own: each remembers what Redis said, so the others stay unthrottled.
        try (Gateway first = stack.gateway("token-throttle-1", THROTTLE); Gateway second = stack.gateway("token-throttle-2", THROTTLE)) {
            throttleAcross(new Http(first.port()), new Http(second.port()), second.port());
        }
    }

    private void throttleAcross(Http http, Http other, int otherPort) {
        for (int i = 0; i < 3; i++) {
            assertThat(tokenRequest(http, "demo", Stack.DEMO_SECRET).status()).as("successes never count").isEqualTo(200);
        }
        for (int i = 0; i < PER_CLIENT_AND_ADDRESS; i++) {
            assertThat((i % 2 == 0 ? http : other).request("POST", "/oauth2/token").header("Content-Type", FORM)
                    .body("grant_type=client_credentials&client_id=demo&client_secret=wrong-" + i).send().status()).isEqualTo(401);
        }

        Http.Response throttled = other.request("POST", "/oauth2/token").header("Content-Type", FORM)
                .header("Authorization", basic("demo", Stack.DEMO_SECRET)).body("grant_type=client_credentials").send();

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.json().get("error").asText()).isEqualTo("temporarily_unavailable");
        assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 600L);
        assertThat(tokenRequest(http, "reader", Stack.READER_SECRET).status()).as("another client is not throttled").isEqualTo(200);
        String rightSecret = "grant_type=client_credentials";
        try (RawHttp elsewhere = new RawHttp(otherPort, "127.0.0.2")) {
            RawHttp.Response fromElsewhere = elsewhere.send("POST /oauth2/token HTTP/1.1\r\nHost: x\r\nAuthorization: " + basic("demo", Stack.DEMO_SECRET)
                    + "\r\nContent-Type: " + FORM + "\r\nContent-Length: " + rightSecret.length() + "\r\n\r\n" + rightSecret).read();
            assertThat(fromElsewhere.status()).as("the same client from another address is not locked out").isEqualTo(200);
        }
    }

    @Test
    void shouldKeepServingAnotherClientWhileItsTokenEndpointIsFlooded() throws Exception {
        try (Gateway flooded = stack.gateway("token-flood", THROTTLE)) {
            flood(flooded, new Http(flooded.port()));
        }
    }

    private void flood(Gateway gateway, Http http) throws Exception {
        // given: a client with a token, and a flood of wrong secrets, 64 at a time
        String token = http.token("other-author", Stack.DEMO_SECRET);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Map<Integer, AtomicInteger> floodAnswers = new ConcurrentHashMap<>();
        Semaphore inFlight = new Semaphore(64);
        List<CompletableFuture<Void>> flood = new ArrayList<>();

        // when
        for (int i = 0; i < 400; i++) {
            inFlight.acquire();
            HttpRequest guess = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/oauth2/token"))
                    .header("Content-Type", FORM).header("Authorization", basic(i % 2 == 0 ? "demo" : "client-" + i, "guess-" + i))
                    .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
            flood.add(client.sendAsync(guess, HttpResponse.BodyHandlers.discarding()).handle((response, error) -> {
                inFlight.release();
                floodAnswers.computeIfAbsent(error == null ? response.statusCode() : -1, status -> new AtomicInteger()).incrementAndGet();
                return null;
            }));
            if (i % 10 == 0) {
                serveTheOtherClient(http, token);
            }
        }
        CompletableFuture.allOf(flood.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);

        // then
        System.out.printf("token flood: answers=%s other client p50=%d ms p99=%d ms max=%d ms%n", floodAnswers,
                otherClient.getValueAtPercentile(50) / 1000, otherClient.getValueAtPercentile(99) / 1000, otherClient.getMaxValue() / 1000);
        assertThat(floodAnswers.keySet()).containsOnly(401, 429, 503).contains(429);
        assertThat(floodAnswers.get(401).get()).as("no more secrets checked than the address may try").isLessThanOrEqualTo(PER_ADDRESS);
        assertThat(otherClient.getTotalCount()).isEqualTo(40);
    }

    /** One authenticated POST /posts and one readiness probe, as any other client would make. */
    private void serveTheOtherClient(Http http, String token) {
        long start = System.nanoTime();
        Http.Response created = http.request("POST", "/posts").bearer(token).json("{\"title\":\"during the flood\",\"content\":\"x\"}").send();
        otherClient.recordValue((System.nanoTime() - start) / 1000);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(http.request("GET", "/health/ready").send().status()).isEqualTo(200);
    }

    private static Http.Response tokenRequest(Http http, String clientId, String secret) {
        return http.request("POST", "/oauth2/token").header("Content-Type", FORM)
                .header("Authorization", basic(clientId, secret)).body("grant_type=client_credentials").send();
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }
}
