package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.Gateway;
import dev.courier.gateway.config.GatewayConfig;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.process.FreePorts;
import dev.courier.infra.redis.RedisEndpoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The route file edited under load: a valid version is put in force without a restart, an invalid
 * one is refused and named on {@code /metrics} while the routes in force go on serving, and no
 * request is dropped or failed on the way.
 */
@ExtendWith(InfraExtension.class)
class RouteReloadIT {

    private static final int CLIENTS = 4;
    private static final String ARTICLES = """

              - name: create-article
                method: POST
                path: /articles
                command: CreatePost
                topic: %s
                key: postId
                scopes: [blog:write]
                timeout: 5s
                fields: {postId: request-id}
                body: true
                success: {status: 201, location: "/posts/{postId}"}
            """;

    @Test
    void shouldPutAnEditedRouteFileInForceUnderLoadAndKeepItWhenTheNextEditIsInvalid(KafkaEndpoint kafka, RedisEndpoint redis,
                                                                                    @TempDir Path dir) throws Exception {
        // given: a gateway reading its route file again every 100 ms, and clients posting all along
        try (Stack stack = Stack.start(kafka, redis, dir)) {
            Path routes = stack.routesWithTimeout("5s");
            String original = Files.readString(routes);
            int management = FreePorts.next();
            Gateway gateway = stack.gateway("reload-gw", Map.of(GatewayConfig.ROUTES_FILE, routes.toString(),
                    GatewayConfig.ROUTES_RELOAD_INTERVAL, "100ms", GatewayConfig.MANAGEMENT_PORT, Integer.toString(management)));
            Http http = new Http(gateway.port());
            Http metrics = new Http(management);
            String token = http.token("demo", Stack.DEMO_SECRET);
            Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
            AtomicBoolean stop = new AtomicBoolean();
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            try {
                for (int i = 0; i < CLIENTS; i++) {
                    clients.submit(() -> postUntil(stop, http, token, outcomes));
                }
                Await.until("clients to be busy", Duration.ofSeconds(60), () -> total(outcomes) >= 20, outcomes::toString);
                assertThat(http.request("POST", "/articles").bearer(token).json(body()).send().status()).isEqualTo(404);

                // when: a route is added
                replace(routes, original + ARTICLES.formatted(stack.blogCommands()));

                // then: it is served, without a restart
                Await.until("/articles to be served", Duration.ofSeconds(30),
                        () -> http.request("POST", "/articles").bearer(token).json(body()).send().status() == 201, () -> "still 404");

                // when: the next edit is invalid: create-post, the first route, waits beyond the 5m bound
                replace(routes, (original + ARTICLES.formatted(stack.blogCommands())).replaceFirst("timeout: 5s", "timeout: 10m"));

                // then: refused and named on /metrics, and the routes in force go on serving
                Await.until("the refusal on /metrics", Duration.ofSeconds(30),
                        () -> metrics.request("GET", "/metrics").send().body().contains("courier_routes_file_refused{application=\"edge-gateway\"} 1.0"), () -> "not refused");
                String exposition = metrics.request("GET", "/metrics").send().body();
                assertThat(exposition).contains("courier_routes_reloads_total{application=\"edge-gateway\",problem=\"routes[0] (create-post).timeout\",result=\"refused\"} 1.0");
                assertThat(http.request("POST", "/articles").bearer(token).json(body()).send().status()).isEqualTo(201);
                Await.until("more posts after the refusal", Duration.ofSeconds(30), () -> total(outcomes) >= 60, outcomes::toString);
            } finally {
                stop.set(true);
                clients.shutdown();
                assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
                gateway.close();
            }
            assertThat(outcomes.keySet()).as("every post under load answered 201: %s", outcomes).containsExactly("201");
        }
    }

    private static void postUntil(AtomicBoolean stop, Http http, String token, Map<String, AtomicInteger> outcomes) {
        while (!stop.get()) {
            String outcome;
            try {
                outcome = Integer.toString(http.request("POST", "/posts").bearer(token).json(body()).send().status());
            } catch (RuntimeException e) {
                outcome = e.toString();
            }
            outcomes.computeIfAbsent(outcome, key -> new AtomicInteger()).incrementAndGet();
        }
    }

    private static String body() {
        return "{\"title\":\"reloaded\",\"content\":\"x\"}";
    }

    private static int total(Map<String, AtomicInteger> outcomes) {
        return outcomes.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** Writes the new version beside the file and renames it over, as editors and deploy tools do. */
    private static void replace(Path file, String content) {
        try {
            Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), content);
            Files.move(next, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
