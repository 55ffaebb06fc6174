package dev.courier.bench;

import dev.courier.infra.dev.CourierServices;
import dev.courier.infra.dev.DemoClient;
import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.process.WorkDirectory;
import dev.courier.infra.redis.RedisServer;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.function.LongFunction;

/**
 * What each edge policy costs the request path: synchronous requests in a closed loop, through
 * routes that differ only in the policy they declare, taken in turns on one stack in the same run
 * (so the machine's drift falls on every variant alike). Beside requests per second: the CPU each
 * process spent per request and the Redis commands per request.
 *
 * <p>Each variant is measured beside the same route without the policy, on its own stack (started
 * one after the other on the same broker and Redis): {@code rate-limit} (POST /posts under a limit
 * never reached, each instance spending its share of the caller's bucket locally);
 * {@code rate-limit-in-redis} (the same with {@code rate-limits.sync-interval=0}: every decision in
 * Redis, the price without the local share); {@code get-cached} (GET /posts/{id} of one post, so
 * nearly every read is a kept answer) beside {@code get-uncached} (the same command without the
 * cache); and {@code post} again on a stack with the breakers off, and on one whose gateway traces
 * every request to an OTLP sink in this JVM (these two compare with the first stack's {@code post},
 * a different stack of the same run).
 *
 * <p>Usage: {@code ./bench EdgePolicies [seconds per turn=10] [rounds=3] [concurrency=64] [warm-up seconds=30]}
 */
public final class EdgePolicies {

    /**
     * A route to load: its method, its path ({@code {id}} is a post made before the run), and the
     * route to add to the default ones for it, if any.
     */
    private record Variant(String name, HttpMethod method, String path, String route) {

        int expectedStatus() {
            return method == HttpMethod.POST ? 201 : 200;
        }
    }

    /** One stack's gateway settings, and the variants measured on it in turns. */
    private record Turns(String label, Map<String, String> gateway, List<Variant> variants) {
    }

    /** Where a tracing gateway sends its spans: a sink in this JVM that takes them and says 200. */
    private static final String OTLP_SINK = "otlp-sink";

    private static final String LIMITED_POST = """
              - name: bench-limited-post
                method: POST
                path: /limited/posts
                command: CreatePost
                topic: courier.blog.commands
                consumer-group: courier.blog-service
                key: postId
                scopes: [blog:write]
                timeout: 5s
                fields: {postId: request-id}
                body: true
                success: {status: 201, location: "/posts/{postId}"}
                rate-limit: {requests: 1000000000, per: 1s}
            """;
    private static final String UNCACHED_GET = """
              - name: bench-uncached-post
                method: GET
                path: /uncached/posts/{id}
                command: GetPost
                topic: courier.blog.commands
                consumer-group: courier.blog-service
                key: postId
                scopes: [blog:read]
                timeout: 5s
                fields: {postId: "path:id"}
            """;
    private static final Variant POST = new Variant("post", HttpMethod.POST, "/posts", null);
    private static final List<Turns> STACKS = List.of(
            new Turns("defaults", Map.of(), List.of(POST, new Variant("rate-limit", HttpMethod.POST, "/limited/posts", LIMITED_POST))),
            new Turns("sync 0", Map.of("rate-limits.sync-interval", "0"),
                    List.of(POST, new Variant("rate-limit-in-redis", HttpMethod.POST, "/limited/posts", LIMITED_POST))),
            new Turns("defaults", Map.of(), List.of(new Variant("get-uncached", HttpMethod.GET, "/uncached/posts/{id}", UNCACHED_GET),
                    new Variant("get-cached", HttpMethod.GET, "/posts/{id}", null))),
            new Turns("no breakers", Map.of("breakers.enabled", "false"), List.of(POST)),
            new Turns("tracing", Map.of("tracing.otlp.endpoint", OTLP_SINK), List.of(POST)));

    private EdgePolicies() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 64;
        int warmUp = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        Path root = Path.of(System.getProperty("courier.root", ".")).toAbsolutePath();
        Path data = root.resolve("benchmarks/target/edge-policies");
        WorkDirectory.delete(data);
        Files.createDirectories(data);
        System.out.printf("EdgePolicies: sync requests, closed loop of %d, %d s per variant per round, %d rounds after %d s of warm-up, cores=%d%n",
                concurrency, seconds, rounds, warmUp, Runtime.getRuntime().availableProcessors());
        List<String> table = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        HttpServer sink = vertx.createHttpServer().requestHandler(request -> request.body().onComplete(body -> request.response().end()))
                .listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get();
        try (KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).fullJit().directory(data.resolve("kafka")).start();
             RedisServer redis = RedisServer.builder().directory(data.resolve("redis")).start()) {
            for (int stack = 0; stack < STACKS.size(); stack++) {
                Turns turns = STACKS.get(stack);
                Path routes = Files.writeString(data.resolve("routes-" + stack + ".yaml"), routes(root, turns.variants()));
                Map<String, String> gateway = new LinkedHashMap<>(turns.gateway());
                gateway.replaceAll((key, value) -> value.equals(OTLP_SINK) ? "http://127.0.0.1:" + sink.actualPort() : value);
                gateway.put("routes.file", routes.toString());
                gateway.put("http.idle-timeout", HttpLoadClient.KEEP_ALIVE_SECONDS * 2 + "s");
                System.out.printf("%n== stack %d: gateway %s ==%n", stack + 1, turns.gateway());
                DemoClient client = DemoClient.create();
                try (CourierServices services = CourierServices.start(root, data.resolve("stack-" + stack), kafka.bootstrapServers(), redis.uri(),
                        CourierServices.Ports.free(), client, CourierServices.Settings.gateway(gateway).withoutStreamsProcessors());
                     HttpLoadClient http = new HttpLoadClient(services.port(), concurrency)) {
                    String authorization = "Bearer " + http.accessToken(client.id(), client.secret());
                    Buffer body = Buffer.buffer("{\"title\":\"Benchmark\",\"content\":\"" + "x".repeat(150) + "\"}");
                    Map<String, Long> pids = new LinkedHashMap<>();
                    pids.put("gateway", services.pid("edge-gateway"));
                    pids.put("blog-service", services.pid("blog-service"));
                    pids.put("kafka", kafka.node(1).pid());
                    pids.put("redis", redis.pid());
                    StackUsage usage = new StackUsage(pids, redis.host(), redis.port());
                    String postId = HttpLoadClient.postId(http.send(HttpMethod.POST, "/posts", authorization, "application/json", body).toCompletableFuture().get().body());
                    for (Variant variant : turns.variants()) {
                        ClosedLoop.run(concurrency, warmUp / turns.variants().size() + 1, request(http, variant, postId, authorization, body));
                    }
                    for (int round = 1; round <= rounds; round++) {
                        for (Variant variant : turns.variants()) {
                            StackUsage.Snapshot before = usage.now();
                            ClosedLoop.Result result = ClosedLoop.run(concurrency, seconds, request(http, variant, postId, authorization, body));
                            StackUsage.PerRequest cost = usage.perRequest(before, result.ok());
                            System.out.printf(Locale.ROOT, "round %d %-20s %s%n    %s%n", round, variant.name(), result.summary(concurrency), cost);
                            table.add(String.format(Locale.ROOT, "%d %-16s %-20s %8.0f   %8.0f   %8.0f   %8.0f   %s", stack + 1, turns.label(),
                                    variant.name(),
                                    result.perSecond(), cost.cpuMicros().get("gateway"), cost.cpuMicros().get("redis"), cost.stackMicros(),
                                    redisCommands(cost)));
                        }
                    }
                }
            }
        }
        vertx.close();
        System.out.printf("%nstack               variant                 req/s   gateway µs/req   redis µs/req   stack µs/req   Redis commands/req%n");
        table.forEach(System.out::println);
        System.out.println("logs of the run: " + data);
    }

    private static LongFunction<CompletionStage<Boolean>> request(HttpLoadClient http, Variant variant, String postId, String authorization,
                                                                   Buffer body) {
        String path = variant.path().replace("{id}", postId);
        Buffer sent = variant.method() == HttpMethod.POST ? body : Buffer.buffer();
        return due -> http.send(variant.method(), path, authorization, "application/json", sent)
                .thenApply(answer -> answer.status() == variant.expectedStatus());
    }

    private static String redisCommands(StackUsage.PerRequest cost) {
        return String.format(Locale.ROOT, "%.2f", cost.redisCommands().values().stream().mapToDouble(Double::doubleValue).sum());
    }

    /** The default routes, and each variant's own route. */
    private static String routes(Path root, List<Variant> variants) throws Exception {
        StringBuilder routes = new StringBuilder(Files.readString(root.resolve("edge-gateway/src/main/resources/default-routes.yaml")));
        variants.stream().map(Variant::route).filter(Objects::nonNull).distinct().forEach(route -> routes.append('\n').append(route));
        return routes.toString();
    }
}
