package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.Gateway;
import dev.courier.gateway.config.GatewayConfig;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One admission point: asynchronous requests count against the same bound as synchronous ones, and
 * a draining gateway takes nothing new but still answers its health probes.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdmissionIT {

    private Stack stack;
    private Gateway gateway;
    private Http http;

    @BeforeAll
    void start(KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path dir) {
        stack = Stack.start(kafka, redis, dir);
        gateway = stack.gateway("admission-gw", Map.of(GatewayConfig.HTTP_MAX_PENDING, "1"));
        http = new Http(gateway.port());
    }

    @AfterAll
    void stop() {
        gateway.close();
        stack.close();
    }

    @Test
    void shouldAnswer503AtOnceToAnAsyncRequestWhenTheGatewayIsFull() throws Exception {
        // given: the blog service is down, so one synchronous request holds the only place
        String token = http.token("demo", Stack.DEMO_SECRET);
        stack.stopBlog();
        CompletableFuture<Http.Response> waiting = CompletableFuture.supplyAsync(() -> http.request("POST", "/posts").bearer(token)
                .header("Prefer", "wait=3").json("{\"title\":\"waits\",\"content\":\"x\"}").send());
        Await.until("one request waiting for its reply", Duration.ofSeconds(30), () -> gateway.metrics().pending() == 1, () -> "");

        // when
        Http.Response async = http.request("POST", "/posts").bearer(token).header("Prefer", "respond-async")
                .json("{\"title\":\"later\",\"content\":\"x\"}").send();

        // then
        assertThat(async.status()).as(async.body()).isEqualTo(503);
        assertThat(async.header("Retry-After")).isEqualTo("1");
        assertThat(async.json().get("type").asText()).isEqualTo("urn:courier:problem:overloaded");
        assertThat(waiting.get(30, TimeUnit.SECONDS).status()).isEqualTo(504);
        stack.startBlog();
        assertThat(http.request("POST", "/posts").bearer(token).header("Prefer", "respond-async")
                .json("{\"title\":\"now\",\"content\":\"x\"}").send().status()).as("room again once the first is answered").isEqualTo(202);
    }

    @Test
    void shouldRefuseNewRequestsWhileDrainingButAnswerHealthProbesAndTheRequestInFlight() throws Exception {
        // given: a gateway of its own with one request waiting for a reply that comes late (long
        // deadlines, so the reply comes in time however slowly the service restarts)
        Gateway draining = stack.gateway("draining-gw", Map.of(GatewayConfig.ROUTES_FILE, stack.routesWithTimeout("2m").toString()));
        Http http = new Http(draining.port());
        String token = http.token("demo", Stack.DEMO_SECRET);
        stack.stopBlog();
        CompletableFuture<Http.Response> inFlight = CompletableFuture.supplyAsync(() -> http.request("POST", "/posts").bearer(token)
                .json("{\"title\":\"in flight\",\"content\":\"x\"}").send());
        Await.until("the request to wait for its reply", Duration.ofSeconds(30), () -> draining.metrics().pending() == 1, () -> "");

        // when
        CompletableFuture<Void> closed = CompletableFuture.runAsync(draining::close);
        Await.until("the gateway to drain", Duration.ofSeconds(30),
                () -> http.request("GET", "/health/ready").send().status() == 503, () -> "");

        // then
        Http.Response newRequest = http.request("POST", "/posts").bearer(token).json("{\"title\":\"late\",\"content\":\"x\"}").send();
        assertThat(newRequest.status()).isEqualTo(503);
        assertThat(newRequest.json().get("type").asText()).isEqualTo("urn:courier:problem:shutting-down");
        assertThat(newRequest.header("Retry-After")).isEqualTo("1");
        assertThat(http.request("GET", "/health/ready").send().json().get("checks").get("accepting").asText()).isEqualTo("DOWN");
        assertThat(http.request("GET", "/health/live").send().status()).isEqualTo(200);
        stack.startBlog();
        assertThat(inFlight.get(60, TimeUnit.SECONDS).status()).as("the request in flight gets its reply").isEqualTo(201);
        closed.get(60, TimeUnit.SECONDS);
    }
}
