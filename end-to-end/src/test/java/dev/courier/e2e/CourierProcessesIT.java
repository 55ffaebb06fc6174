package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.courier.infra.dev.CourierServices;
import dev.courier.infra.dev.DemoClient;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The stack as {@code ./courier} runs it: each module in its own JVM, started and stopped by signal. */
@ExtendWith(InfraExtension.class)
class CourierProcessesIT {

    /** This module's parent: the other modules were packaged there earlier in the same build. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void shouldServeARequestAndItsAuthorsStatisticsAndLogEachProcessStoppingCleanly(KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path data)
            throws IOException {
        assertThat(CourierServices.built(ROOT)).as("modules packaged under %s; run mvn verify from the project root", ROOT).isTrue();
        DemoClient demo = DemoClient.create();
        CourierServices.Ports ports = CourierServices.Ports.free();

        try (CourierServices services = CourierServices.start(ROOT, data, kafka.bootstrapServers(), redis.uri(), ports, demo)) {
            Http http = new Http(services.port());
            String token = http.token(demo.id(), demo.secret());
            Http.Response created = http.request("POST", "/posts").bearer(token)
                    .json("{\"title\":\"from a process\",\"content\":\"four\"}").send();
            assertThat(created.status()).isEqualTo(201);

            // The streams processors fold the post's event into its author's view, answered through the gateway. The broker
            // is shared by the run, so other tests' posts by the same client may be counted too: this post is the newest.
            String author = created.json().get("authorId").asText();
            Instant createdAt = Instant.parse(created.json().get("createdAt").asText());
            Await.until("the author's statistics to count the post", Duration.ofSeconds(60), () -> {
                Http.Response stats = http.request("GET", "/users/" + author + "/stats").bearer(token).send();
                return stats.status() == 200 && stats.json().hasNonNull("lastPostAt")
                        && !Instant.parse(stats.json().get("lastPostAt").asText()).isBefore(createdAt);
            }, () -> "last answer: " + http.request("GET", "/users/" + author + "/stats").bearer(token).send());
            Http.Response stats = http.request("GET", "/users/" + author + "/stats").bearer(token).send();
            assertThat(stats.json().get("postsCreated").asLong()).isPositive();
            assertThat(stats.json().get("contentLength").asLong()).isGreaterThanOrEqualTo(4);
            assertThat(Instant.parse(stats.json().get("asOf").asText())).isAfterOrEqualTo(createdAt);

            // The gateway's access records reach the route analytics, asked for a range of one-minute windows: the newest record
            // folded in is this test's POST or later.
            Instant now = Instant.now();
            String range = "/analytics/routes?route=create-post&from=" + now.minusSeconds(600) + "&to=" + now.plusSeconds(600);
            Await.until("the route analytics to count the post", Duration.ofSeconds(60), () -> {
                Http.Response routes = http.request("GET", range).bearer(token).send();
                return routes.status() == 200 && routes.json().hasNonNull("asOf")
                        && !Instant.parse(routes.json().get("asOf").asText()).isBefore(createdAt.minusSeconds(1));
            }, () -> "last answer: " + http.request("GET", range).bearer(token).send());
            JsonNode window = http.request("GET", range).bearer(token).send().json().get("windows").get(0);
            assertThat(window.get("route").asText()).isEqualTo("create-post");
            assertThat(window.get("statusClass").asText()).isEqualTo("2xx");
            assertThat(window.get("requests").asLong()).isPositive();
            assertThat(window.get("latencyP99Millis").asDouble()).isPositive();
        }

        // Each drain's last line reaches the log: nothing stops logging while a process still drains.
        assertThat(Files.readString(data.resolve("logs/edge-gateway.log"))).contains("gateway stopped");
        assertThat(Files.readString(data.resolve("logs/blog-service.log"))).contains("service stopped service=blog-service");
        assertThat(Files.readString(data.resolve("logs/user-service.log"))).contains("service stopped service=user-service");
        assertThat(Files.readString(data.resolve("logs/streams-processors.log"))).contains("streams processors stopped");
    }
}
