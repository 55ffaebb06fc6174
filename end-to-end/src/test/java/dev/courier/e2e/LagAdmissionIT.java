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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lag steers admission: with the blog service gone, synchronous requests soon get a fast 503 naming
 * why instead of waiting for a 504, asynchronous ones are still queued, and when the service is back
 * admission recovers by itself. Every request that was admitted gets its outcome.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LagAdmissionIT {

    private Stack stack;
    private Gateway gateway;
    private Http http;

    @BeforeAll
    void start(KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path dir) {
        stack = Stack.start(kafka, redis, dir);
        gateway = stack.gateway("lag-admission-gw", Map.of(GatewayConfig.ADMISSION_LAG_ENABLED, "true",
                GatewayConfig.ADMISSION_LAG_INTERVAL, "300ms", GatewayConfig.ADMISSION_NO_CONSUMER_GRACE, "1s"));
        http = new Http(gateway.port());
    }

    @AfterAll
    void stop() {
        gateway.close();
        stack.close();
    }

    @Test
    void shouldRefuseFastWhileNothingConsumesAndRecoverByItself() {
        String token = http.token("demo", Stack.DEMO_SECRET);
        assertThat(post(token, false).status()).isEqualTo(201);
        List<String> admitted = new ArrayList<>();

        // when the blog service stops, requests keep coming
        stack.stopBlog();
        Http.Response[] refused = new Http.Response[1];
        Await.until("a synchronous request to be refused at admission", Duration.ofSeconds(60), () -> {
            Http.Response response = post(token, false);
            assertThat(response.status()).as(response.body()).isIn(503, 504);
            if (response.status() == 504) {
                admitted.add(response.header("X-Request-Id"));
                return false;
            }
            refused[0] = response;
            return true;
        }, () -> "admitted so far: " + admitted);

        // then it is refused at once, saying why and when to retry, with nothing produced for it
        assertThat(refused[0].json().get("type").asText()).isEqualTo("urn:courier:problem:no-consumer");
        assertThat(refused[0].header("Retry-After")).isEqualTo("5");
        assertThat(refused[0].json().get("detail").asText()).contains("respond-async");
        Http.Response queued = post(token, true);
        assertThat(queued.status()).as("an asynchronous request is still queued").isEqualTo(202);
        admitted.add(queued.header("X-Request-Id"));

        // and once the service is back, admission recovers by itself
        stack.startBlog();
        Await.until("admission to recover", Duration.ofSeconds(60), () -> post(token, false).status() == 201, () -> "");

        // and no admitted request was lost
        for (String requestId : admitted) {
            Await.until("the outcome of " + requestId, Duration.ofSeconds(60), () -> {
                Http.Response status = http.request("GET", "/requests/" + requestId).bearer(token).send();
                return status.status() == 200 && status.json().get("status").asText().equals("completed")
                        && status.json().get("response").get("status").asInt() == 201;
            }, () -> "");
        }
    }

    private Http.Response post(String token, boolean async) {
        Http.Request request = http.request("POST", "/posts").bearer(token).json("{\"title\":\"t\",\"content\":\"c\"}");
        return (async ? request.header("Prefer", "respond-async") : request).send();
    }
}
