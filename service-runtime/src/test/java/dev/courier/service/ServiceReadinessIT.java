package dev.courier.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.GetPost;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.schemas.Messages;
import dev.courier.schemas.command.Replies;
import dev.courier.service.command.Decisions;
import dev.courier.service.config.ServiceDefaults;
import dev.courier.service.testing.ServiceFixture;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A command loop that dies is seen: the service turns not ready and its process is told to exit. */
@ExtendWith(InfraExtension.class)
class ServiceReadinessIT {

    private static final ServiceDefaults DEFAULTS = new ServiceDefaults("readiness-service", "readiness.commands",
            "readiness.events", "readiness.dlq", 0);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldTurnNotReadyAndReportFailureWhenItsCommandLoopDies(KafkaEndpoint kafka, RedisEndpoint redis) throws Exception {
        // given: a handler with a bug that kills the thread it runs on, not just one command
        ServiceDefinition definition = new ServiceDefinition(DEFAULTS, "readiness:", Messages.BLOG_COMMANDS, Messages.BLOG_EVENTS,
                client -> command -> {
                    if (command.message(GetPost.class).getPostId().equals("fatal")) {
                        throw new AssertionError("a bug no batch can survive");
                    }
                    return Decisions.answer(Replies.notFound("none"));
                });
        try (ServiceFixture fixture = ServiceFixture.start(definition, kafka, redis, Map.of())) {
            String ready = "http://127.0.0.1:" + fixture.service().managementPort() + "/health/ready";
            fixture.client().awaitReply(fixture.client().send("p-1", new GetPost("p-1"), "alice"));
            assertThat(get(ready).statusCode()).isEqualTo(200);

            // when
            fixture.client().send("fatal", new GetPost("fatal"), "alice");

            // then
            String reason = fixture.service().failed().toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertThat(reason).contains("died").contains("a bug no batch can survive");
            Await.until("readiness to go down", Duration.ofSeconds(30), () -> get(ready).statusCode() == 503, () -> "");
            assertThat(get(ready).body()).contains("\"commandLoops\":\"DOWN\"");
            assertThat(get("http://127.0.0.1:" + fixture.service().managementPort() + "/health/live").statusCode()).isEqualTo(200);
        }
    }

    private HttpResponse<String> get(String url) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
