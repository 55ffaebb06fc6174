package dev.courier.bench;

import dev.courier.blog.BlogService;
import dev.courier.gateway.Gateway;
import dev.courier.gateway.config.GatewayConfig;
import dev.courier.gateway.issuer.ClientRegistry;
import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.infra.redis.RedisServer;
import dev.courier.service.ServiceRuntime;
import dev.courier.service.config.ConfigSources;
import dev.courier.service.config.ServiceConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Latency of synchronous {@code POST /posts} through the gateway (HTTP, JWT, Avro, Kafka, the blog
 * service, Redis, the reply back), open-loop at fixed rates, beside the floor: plain kafka-clients
 * request-reply at the same rates in the same run. Everything runs on this machine: broker (child
 * JVM), Redis, service, gateway and load generator share its cores.
 *
 * <p>Usage: {@code ./bench GatewayLoad [seconds=15] [rates=500,1000,1500,2000]}
 */
public final class GatewayLoad {

    private GatewayLoad() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<Integer> rates = new ArrayList<>();
        for (String rate : (args.length > 1 ? args[1] : "500,1000,1500,2000").split(",")) {
            rates.add(Integer.parseInt(rate.trim()));
        }
        Configurator.setLevel("dev.courier.gateway.access", Level.WARN);
        System.out.printf("GatewayLoad: sync POST /posts, open loop, %d s per rate, rates=%s, cores=%d%n",
                seconds, rates, Runtime.getRuntime().availableProcessors());
        Path dir = Files.createTempDirectory("gateway-load");
        try (KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).start();
             RedisServer redis = RedisServer.builder().start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicAdmin.create(kafka, "bench.floor.requests", 1, 1);
            TopicAdmin.create(kafka, "bench.floor.replies", 1, 1);
            Map<String, String> env = new HashMap<>();
            env.put(ConfigSources.envName(ServiceConfig.BOOTSTRAP_SERVERS), bootstrap);
            env.put(ConfigSources.envName(ServiceConfig.REDIS_ADDRESS), redis.uri());
            try (ServiceRuntime blog = ServiceRuntime.start(ServiceConfig.load(null, env, BlogService.DEFAULTS), BlogService.definition(Clock.systemUTC()));
                 Gateway gateway = Gateway.start(gatewayConfig(dir, bootstrap, redis.uri()));
                 RequestReplyFloor floor = new RequestReplyFloor(bootstrap, "bench.floor.requests", "bench.floor.replies")) {
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                String base = "http://127.0.0.1:" + gateway.port();
                String token = token(http, base);
                HttpRequest create = HttpRequest.newBuilder(URI.create(base + "/posts"))
                        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Benchmark\",\"content\":\"" + "x".repeat(150) + "\"}"))
                        .timeout(Duration.ofSeconds(30)).build();
                // Warm up JIT, connections and metadata; not measured.
                OpenLoop.run(200, 5, due -> send(http, create));
                OpenLoop.run(200, 3, floor::send);
                // Where one unloaded request spends its time, from the gateway's own Server-Timing.
                for (int i = 0; i < 5; i++) {
                    System.out.println("single request Server-Timing: "
                            + http.send(create, HttpResponse.BodyHandlers.discarding()).headers().firstValue("Server-Timing").orElse("?"));
                }
                for (int rate : rates) {
                    System.out.println("floor    " + OpenLoop.run(rate, seconds, floor::send).summary(rate));
                    System.out.println("gateway  " + OpenLoop.run(rate, seconds, due -> send(http, create)).summary(rate));
                }
                System.out.printf("blog-service command topic: %s%n", blog.config().commandTopic());
            }
        }
    }

    private static CompletionStage<Boolean> send(HttpClient http, HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> response.statusCode() == 201);
    }

    private static GatewayConfig gatewayConfig(Path dir, String bootstrap, String redis) throws Exception {
        Files.writeString(dir.resolve("clients.yaml"), "clients:\n  - id: bench\n    secret-hash: \"" + ClientRegistry.hash("bench-secret")
                + "\"\n    scopes: [blog:write]\n");
        Map<String, String> settings = Map.of(
                GatewayConfig.HTTP_PORT, "0",
                GatewayConfig.BOOTSTRAP_SERVERS, bootstrap,
                GatewayConfig.REDIS_ADDRESS, redis,
                GatewayConfig.DATA_DIR, dir.toString(),
                GatewayConfig.ISSUER_CLIENTS_FILE, dir.resolve("clients.yaml").toString());
        Map<String, String> env = new HashMap<>();
        settings.forEach((key, value) -> env.put(ConfigSources.envName(key), value));
        return GatewayConfig.load(null, env);
    }

    private static String token(HttpClient http, String base) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("bench:bench-secret".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build();
        String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
        return body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }
}
