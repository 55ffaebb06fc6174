package dev.courier.bench;

import dev.courier.infra.dev.CourierServices;
import dev.courier.infra.dev.DemoClient;
import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.process.WorkDirectory;
import dev.courier.infra.redis.RedisServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a flood of wrong client secrets at {@code POST /oauth2/token} does to everyone else: the
 * flood keeps {@code concurrency} guesses in flight for the whole run while another client sends
 * authenticated {@code POST /posts} and readiness probes open-loop; prints how the guesses were
 * answered, the other client's and the probes' latency, and the gateway's memory, GC and CPU. The
 * stack runs as {@code ./courier} runs it, each part its own process.
 *
 * <p>Usage: {@code ./bench TokenFlood [seconds=30] [concurrency=64] [throttle=on|off] [guesses=unbounded]}.
 * {@code concurrency=0} measures the other client alone, for comparison. With the throttle off
 * (limits raised out of reach) every guess is hashed, so only the bounded pool of secret checks
 * stands between the flood and the rest of the gateway. {@code guesses} stops the flood after that
 * many (400 is the flood that once drove the gateway into hundreds of full GCs).
 */
public final class TokenFlood {

    private static final int POSTS_PER_SECOND = 50;
    private static final int PROBES_PER_SECOND = 5;

    private TokenFlood() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        boolean throttle = args.length <= 2 || !args[2].equals("off");
        long guesses = args.length > 3 ? Long.parseLong(args[3]) : Long.MAX_VALUE;
        Path root = Path.of(System.getProperty("courier.root", ".")).toAbsolutePath();
        Path data = root.resolve("benchmarks/target/token-flood");
        WorkDirectory.delete(data);
        Map<String, String> gateway = throttle ? Map.of() : Map.of(
                "issuer.throttle.max-attempts-per-address", "1000000", "issuer.throttle.max-attempts-per-client-and-address", "1000000",
                "issuer.throttle.max-attempts-per-client", "1000000");
        System.out.printf("TokenFlood: %d s, %d wrong secrets in flight (%s in all), throttle %s, other client %d POST /posts/s and %d readiness probes/s, cores=%d%n",
                seconds, concurrency, guesses == Long.MAX_VALUE ? "no limit" : guesses, throttle ? "on (defaults)" : "off", POSTS_PER_SECOND, PROBES_PER_SECOND,
                Runtime.getRuntime().availableProcessors());
        DemoClient client = DemoClient.create();
        try (KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).directory(data.resolve("kafka")).start();
             RedisServer redis = RedisServer.builder().directory(data.resolve("redis")).start();
             CourierServices services = CourierServices.start(root, data, kafka.bootstrapServers(), redis.uri(),
                     CourierServices.Ports.free(), client, CourierServices.Settings.gateway(gateway));
             HttpLoadClient http = new HttpLoadClient(services.port(), 16);
             HttpLoadClient flooder = new HttpLoadClient(services.port(), Math.max(1, concurrency))) {
            String authorization = "Bearer " + http.accessToken(client.id(), client.secret());
            Buffer body = Buffer.buffer("{\"title\":\"during the flood\",\"content\":\"x\"}");
            OpenLoop.run(POSTS_PER_SECOND, 10, due -> http.send(HttpMethod.POST, "/posts", authorization, "application/json", body)
                    .thenApply(answer -> answer.status() == 201));
            long pid = services.gatewayPid();
            System.out.printf("gateway before: %s%n", ProcessUsage.memory(pid));
            long cpuBefore = ProcessUsage.cpuMillis(pid);
            long fullGcsBefore = fullGcs(data.resolve("logs/edge-gateway-gc.log"));

            Map<Integer, LongAdder> answers = new ConcurrentHashMap<>();
            long floodUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds + 2);
            CompletableFuture<Void> flood = CompletableFuture.runAsync(() -> flood(flooder, concurrency, guesses, floodUntil, answers));
            CompletableFuture<OpenLoop.Result> probes = CompletableFuture.supplyAsync(() -> OpenLoop.run(PROBES_PER_SECOND, seconds,
                    due -> http.send(HttpMethod.GET, "/health/ready", "", "application/json", Buffer.buffer()).thenApply(answer -> answer.status() == 200)));
            OpenLoop.Result posts = OpenLoop.run(POSTS_PER_SECOND, seconds,
                    due -> http.send(HttpMethod.POST, "/posts", authorization, "application/json", body).thenApply(answer -> answer.status() == 201));
            flood.get(2, TimeUnit.MINUTES);

            Map<Integer, Long> counted = new TreeMap<>();
            answers.forEach((status, count) -> counted.put(status, count.sum()));
            System.out.printf("guesses answered: %s%n", counted);
            System.out.println("other client POST /posts " + posts.summary(POSTS_PER_SECOND));
            System.out.println("readiness probes         " + probes.get().summary(PROBES_PER_SECOND));
            System.out.printf("gateway after: %s, CPU %d ms over the flood, full GCs %d%n", ProcessUsage.memory(pid), ProcessUsage.cpuMillis(pid) - cpuBefore,
                    fullGcs(data.resolve("logs/edge-gateway-gc.log")) - fullGcsBefore);
        }
    }

    /**
     * Keeps {@code concurrency} wrong secrets in flight until the deadline or {@code guesses} have
     * been sent; half name the demo client, half unknown ones.
     */
    private static void flood(HttpLoadClient flooder, int concurrency, long guesses, long until, Map<Integer, LongAdder> answers) {
        Semaphore inFlight = new Semaphore(concurrency);
        long attempt = 0;
        while (concurrency > 0 && attempt < guesses && System.nanoTime() < until) {
            inFlight.acquireUninterruptibly();
            String clientId = attempt % 2 == 0 ? "demo" : "guess-" + attempt;
            String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":wrong-" + attempt).getBytes(StandardCharsets.UTF_8));
            attempt++;
            flooder.send(HttpMethod.POST, "/oauth2/token", basic, "application/x-www-form-urlencoded", Buffer.buffer("grant_type=client_credentials"))
                    .whenComplete((answer, error) -> {
                        answers.computeIfAbsent(error == null ? answer.status() : -1, status -> new LongAdder()).increment();
                        inFlight.release();
                    });
        }
        inFlight.acquireUninterruptibly(concurrency);
    }



    private static long fullGcs(Path gcLog) throws IOException {
        return Files.readAllLines(gcLog).stream().filter(line -> line.contains("Pause Full")).count();
    }
}
