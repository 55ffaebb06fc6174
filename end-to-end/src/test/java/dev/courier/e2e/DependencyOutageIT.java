package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.Gateway;
import dev.courier.gateway.config.GatewayConfig;
import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka, then Redis, stopped and started again under load, on a broker and a Redis of this test's
 * own: while one is down the gateway's breaker answers 503 with Retry-After at once instead of
 * sending requests into the wall; once it is back requests succeed again without a restart; and
 * every request the gateway answered 201 or 202 took effect.
 */
class DependencyOutageIT {

    private static final int CLIENTS = 4;

    /** What clients saw: outcomes by status and problem type, and the posts and requests they were told exist. */
    private record Seen(Map<String, AtomicInteger> outcomes, Queue<String> created, Queue<String> accepted) {

        Seen() {
            this(new ConcurrentHashMap<>(), new ConcurrentLinkedQueue<>(), new ConcurrentLinkedQueue<>());
        }

        int count(String outcome) {
            AtomicInteger count = outcomes.get(outcome);
            return count == null ? 0 : count.get();
        }
    }

    @Test
    void shouldAnswer503AtOnceWhileKafkaOrRedisIsDownRecoverWithoutARestartAndLoseNothingAdmitted(@TempDir Path dir) throws Exception {
        try (KafkaCluster kafka = KafkaCluster.builder().directory(dir.resolve("kafka")).start();
             RedisServer redis = RedisServer.builder().directory(dir.resolve("redis")).start();
             Stack stack = Stack.start(kafka, redis, Files.createDirectories(dir.resolve("stack")))) {
            Gateway gateway = stack.gateway("outage-gw", Map.of(GatewayConfig.BREAKERS_WINDOW, "6", GatewayConfig.BREAKERS_OPEN_FOR, "2s",
                    GatewayConfig.BREAKERS_SLOW_CALL, "1s", GatewayConfig.REDIS_TIMEOUT, "1s", GatewayConfig.LEASE_TTL, "10s"));
            Http http = new Http(gateway.port());
            String token = http.token("demo", Stack.DEMO_SECRET);
            Seen seen = new Seen();
            AtomicBoolean async = new AtomicBoolean();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    clients.submit(() -> postUntil(stop, async, http, token, seen));
                }
                Await.until("posts to flow", Duration.ofSeconds(60), () -> seen.count("201") >= 20, seen.outcomes()::toString);

                // when Kafka goes away: fast 503s; and when it is back: 201s again
                kafka.stopNode(1);
                Await.until("Kafka's breaker to answer", Duration.ofSeconds(60), () -> seen.count("503 kafka-unavailable") >= 5,
                        seen.outcomes()::toString);
                kafka.startNode(1);
                int before = seen.count("201");
                Await.until("posts to flow again", Duration.ofSeconds(120), () -> seen.count("201") >= before + 20, seen.outcomes()::toString);

                // when Redis goes away under asynchronous requests (each is put on record there first)
                async.set(true);
                Await.until("async posts to flow", Duration.ofSeconds(60), () -> seen.count("202") >= 10, seen.outcomes()::toString);
                redis.stop();
                Await.until("Redis's breaker to answer", Duration.ofSeconds(60), () -> seen.count("503 redis-unavailable") >= 5,
                        seen.outcomes()::toString);
                redis.start();
                int acceptedBefore = seen.count("202");
                Await.until("async posts to flow again", Duration.ofSeconds(120), () -> seen.count("202") >= acceptedBefore + 10,
                        seen.outcomes()::toString);
            } finally {
                stop.set(true);
                clients.shutdown();
                assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
            }

            // then: only answers a client can act on, and everything answered 201 or 202 took effect
            System.out.println("DependencyOutageIT outcomes: " + seen.outcomes());
            assertThat(seen.outcomes().keySet()).allMatch(outcome -> outcome.equals("201") || outcome.equals("202")
                    || outcome.startsWith("503 ") || outcome.startsWith("504 "), "201, 202, 503 or 504");
            for (String postId : seen.created()) {
                assertThat(http.request("GET", "/posts/" + postId).bearer(token).send().status()).as("post %s", postId).isEqualTo(200);
            }
            for (String requestId : List.copyOf(seen.accepted())) {
                Await.until("request " + requestId + " to complete", Duration.ofSeconds(60),
                        () -> http.request("GET", "/requests/" + requestId).bearer(token).send().body().contains("\"completed\""), () -> "pending");
            }
            gateway.close();
        }
    }

    private static void postUntil(AtomicBoolean stop, AtomicBoolean async, Http http, String token, Seen seen) {
        while (!stop.get()) {
            Http.Request request = http.request("POST", "/posts").bearer(token).json("{\"title\":\"outage\",\"content\":\"x\"}");
            if (async.get()) {
                request.header("Prefer", "respond-async");
            }
            String outcome;
            try {
                Http.Response response = request.send();
                outcome = response.status() >= 500 ? response.status() + " " + response.json().path("type").asText().replace("urn:courier:problem:", "")
                        : Integer.toString(response.status());
                if (response.status() == 201) {
                    seen.created().add(response.json().get("postId").asText());
                } else if (response.status() == 202) {
                    seen.accepted().add(response.json().get("requestId").asText());
                }
            } catch (RuntimeException e) {
                outcome = e.toString();
            }
            seen.outcomes().computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
        }
    }
}
