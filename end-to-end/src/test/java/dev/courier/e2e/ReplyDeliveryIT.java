package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.Gateway;
import dev.courier.gateway.config.GatewayConfig;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.service.testing.TopicRecords;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Timeouts, async requests, idempotency, and replies across gateway instances and restarts. */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplyDeliveryIT {

    private Stack stack;
    private Gateway gateway;
    private Http http;
    private String token;

    @BeforeAll
    void start(KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path dir) {
        stack = Stack.start(kafka, redis, dir);
        gateway = stack.gateway("delivery-gw", Map.of());
        http = new Http(gateway.port());
        token = http.token("demo", Stack.DEMO_SECRET);
    }

    @AfterAll
    void stop() {
        gateway.close();
        stack.close();
    }

    @Test
    void shouldAnswer504WithLocationWhileTheServiceIsDownAndTheOutcomeAfterItRestarts() {
        stack.stopBlog();
        Http.Response timedOut;
        try {
            timedOut = http.request("POST", "/posts").bearer(token).header("Prefer", "wait=1").json("{\"title\":\"late\",\"content\":\"c\"}").send();
        } finally {
            stack.startBlog();
        }

        assertThat(timedOut.status()).isEqualTo(504);
        String location = timedOut.header("Location");
        assertThat(location).isEqualTo("/requests/" + timedOut.header("X-Request-Id"));
        Http.Response outcome = awaitCompleted(http, token, location);
        assertThat(outcome.json().at("/response/status").asInt()).isEqualTo(201);
        assertThat(outcome.json().at("/response/body/title").asText()).isEqualTo("late");
    }

    @Test
    void shouldAnswer202AtOnceForRespondAsyncAndTheOutcomeWhenPolled() {
        Http.Response accepted = http.request("POST", "/posts").bearer(token).header("Prefer", "respond-async")
                .json("{\"title\":\"async\",\"content\":\"c\"}").send();

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.header("Preference-Applied")).isEqualTo("respond-async");
        Http.Response outcome = awaitCompleted(http, token, accepted.header("Location"));
        assertThat(outcome.json().at("/response/status").asInt()).isEqualTo(201);
        assertThat(outcome.json().at("/response/location").asText()).isEqualTo("/posts/" + accepted.header("X-Request-Id"));
    }

    @Test
    void shouldShowARequestToItsSenderOnly() {
        Http.Response accepted = http.request("POST", "/posts").bearer(token).header("Prefer", "respond-async")
                .json("{\"title\":\"mine\",\"content\":\"c\"}").send();
        String other = http.token("other-author", Stack.DEMO_SECRET);

        assertThat(http.request("GET", accepted.header("Location")).bearer(other).send().status()).isEqualTo(404);
        assertThat(http.request("GET", accepted.header("Location")).send().status()).isEqualTo(401);
    }

    @Test
    void shouldGiveARetryWithTheSameIdempotencyKeyTheSameOutcomeAndOneEffect() {
        String key = UUID.randomUUID().toString();
        String body = "{\"title\":\"once\",\"content\":\"c\"}";

        Http.Response first = http.request("POST", "/posts").bearer(token).header("Idempotency-Key", key).json(body).send();
        Http.Response retry = http.request("POST", "/posts").bearer(token).header("Idempotency-Key", key).json(body).send();

        assertThat(first.status()).isEqualTo(201);
        assertThat(retry.status()).isEqualTo(201);
        assertThat(retry.header("X-Request-Id")).isEqualTo(first.header("X-Request-Id"));
        assertThat(retry.json()).isEqualTo(first.json());
        String requestId = first.header("X-Request-Id");
        long events = TopicRecords.awaitAtLeast(stack.kafka(), stack.blogCommands() + ".events", 1).stream()
                .filter(record -> CourierHeaders.lastString(record.headers(), CourierHeaders.REQUEST_ID).orElse("").equals(requestId))
                .count();
        assertThat(events).isEqualTo(1);
    }

    @Test
    void shouldAnswer422WhenAnIdempotencyKeyIsReusedWithAnotherBody() {
        String key = UUID.randomUUID().toString();
        http.request("POST", "/posts").bearer(token).header("Idempotency-Key", key).json("{\"title\":\"a\",\"content\":\"c\"}").send();

        Http.Response reused = http.request("POST", "/posts").bearer(token).header("Idempotency-Key", key)
                .json("{\"title\":\"b\",\"content\":\"c\"}").send();

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.json().get("type").asText()).isEqualTo("urn:courier:problem:idempotency-key-reused");
    }

    @Test
    void shouldRouteEachGatewaysRepliesToItsOwnPartitionOnly() {
        try (Gateway second = stack.gateway("second-gw", Map.of())) {
            Http secondHttp = new Http(second.port());
            long firstBefore = gateway.metrics().receivedReplies();
            long secondBefore = second.metrics().receivedReplies();

            for (int i = 0; i < 10; i++) {
                assertThat(http.request("GET", "/posts/none-" + i).bearer(token).send().status()).isEqualTo(404);
            }
            for (int i = 0; i < 5; i++) {
                assertThat(secondHttp.request("GET", "/posts/none-" + i).bearer(token).send().status()).isEqualTo(404);
            }

            assertThat(second.replyPartition()).isNotEqualTo(gateway.replyPartition());
            assertThat(gateway.metrics().receivedReplies() - firstBefore).isEqualTo(10);
            assertThat(second.metrics().receivedReplies() - secondBefore).isEqualTo(5);
        }
    }

    @Test
    void shouldRecordTheOutcomeOfARequestSentBeforeTheGatewayRestarted() {
        Gateway restarting = stack.gateway("restart-gw", Map.of());
        int partition = restarting.replyPartition();
        Http.Response timedOut;
        stack.stopBlog();
        try {
            timedOut = new Http(restarting.port()).request("POST", "/posts").bearer(token).header("Prefer", "wait=1")
                    .json("{\"title\":\"across a restart\",\"content\":\"c\"}").send();
            restarting.close();
        } finally {
            stack.startBlog();
        }
        assertThat(timedOut.status()).isEqualTo(504);

        try (Gateway restarted = stack.gateway("restart-gw", Map.of())) {
            assertThat(restarted.replyPartition()).isEqualTo(partition);
            Http.Response outcome = awaitCompleted(new Http(restarted.port()), token, timedOut.header("Location"));
            assertThat(outcome.json().at("/response/body/title").asText()).isEqualTo("across a restart");
        }
    }

    @Test
    void shouldRecordTheOutcomeOfARequestWhoseGatewayLeftForGood() {
        try (Gateway staying = stack.gateway("staying-gw", Map.of(GatewayConfig.SWEEP_INTERVAL, "1s"))) {
            Gateway leaving = stack.gateway("leaving-gw", Map.of());
            Http.Response accepted;
            stack.stopBlog();
            try {
                accepted = new Http(leaving.port()).request("POST", "/posts").bearer(token).header("Prefer", "respond-async")
                        .json("{\"title\":\"after its gateway left\",\"content\":\"c\"}").send();
                leaving.close();
            } finally {
                stack.startBlog();
            }
            assertThat(accepted.status()).isEqualTo(202);

            // The reply lands on the partition leaving-gw leased, which no instance reads any more.
            Http.Response outcome = awaitCompleted(new Http(staying.port()), token, accepted.header("Location"));
            assertThat(outcome.json().at("/response/body/title").asText()).isEqualTo("after its gateway left");
            assertThat(staying.replyPartition()).isNotEqualTo(leaving.replyPartition());
        }
    }

    private static Http.Response awaitCompleted(Http http, String token, String location) {
        AtomicReference<Http.Response> last = new AtomicReference<>();
        Await.until("outcome at " + location, Duration.ofSeconds(60), () -> {
            Http.Response response = http.request("GET", location).bearer(token).send();
            last.set(response);
            return response.status() == 200 && "completed".equals(response.json().path("status").asText());
        }, () -> String.valueOf(last.get()));
        return last.get();
    }
}
