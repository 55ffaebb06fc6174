package dev.courier.bench;

import dev.courier.infra.dev.CourierServices;
import dev.courier.infra.dev.DemoClient;
import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.infra.process.WorkDirectory;
import dev.courier.infra.redis.RedisServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Latency of synchronous {@code POST /posts} through the gateway (HTTP, JWT, Avro, Kafka, the blog
 * service, Redis, the reply back), open-loop at fixed rates, beside the floor: plain kafka-clients
 * request-reply at the same rates in the same run, and beside the CPU each request costs the
 * gateway and the blog service. The stack runs as {@code ./courier} runs it: broker, Redis, the lag
 * monitor, services and gateway each in their own process; this JVM only generates load and runs
 * the floor. All of them share this machine's cores. The stack is started once per metrics
 * setting ({@code metrics.enabled} in every Courier process), one after the other on the same broker
 * and Redis, so what metrics cost is measured in one run.
 *
 * <p>Usage: {@code ./bench GatewayLoad [seconds=15] [rates=250,500,750,1000] [warm-up seconds=30] [metrics=on,off]}
 */
public final class GatewayLoad {

    /** Keep-alive connections of the load generator; requests beyond them queue in the client. */
    private static final int CONNECTIONS = 256;
    private static final int WARM_UP_RATE = 300;
    private static final long SLOW_MILLIS = 100;
    private static final int SLOW_SAMPLES = 5;

    private GatewayLoad() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        List<Integer> rates = new ArrayList<>();
        for (String rate : (args.length > 1 ? args[1] : "250,500,750,1000").split(",")) {
            rates.add(Integer.parseInt(rate.trim()));
        }
        int warmUpSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        List<String> metricsSettings = List.of((args.length > 3 ? args[3] : "on,off").split(","));
        if (!metricsSettings.stream().allMatch(setting -> setting.equals("on") || setting.equals("off"))) {
            throw new IllegalArgumentException("metrics settings are on or off, was " + metricsSettings);
        }
        Path root = Path.of(System.getProperty("courier.root", ".")).toAbsolutePath();
        if (!CourierServices.built(root)) {
            throw new IllegalStateException("build the modules first (./bench does): no runtime-classpath.txt under " + root);
        }
        System.out.printf("GatewayLoad: sync POST /posts, open loop, %d s per rate, rates=%s, warm-up %d s at %d/s, metrics %s, cores=%d%n",
                seconds, rates, warmUpSeconds, WARM_UP_RATE, metricsSettings, Runtime.getRuntime().availableProcessors());
        // Kept after the run for its logs; replaced by the next run.
        Path data = root.resolve("benchmarks/target/gateway-load");
        WorkDirectory.delete(data);
        List<String> table = new ArrayList<>();
        try (KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).directory(data.resolve("kafka")).start();
             RedisServer redis = RedisServer.builder().directory(data.resolve("redis")).start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicAdmin.create(kafka, "bench.floor.requests", 1, 1);
            TopicAdmin.create(kafka, "bench.floor.replies", 1, 1);
            try (RequestReplyFloor floor = new RequestReplyFloor(bootstrap, "bench.floor.requests", "bench.floor.replies")) {
                OpenLoop.run(WARM_UP_RATE, 5, floor::send);
                for (int i = 0; i < metricsSettings.size(); i++) {
                    String metrics = metricsSettings.get(i);
                    System.out.printf("%n== metrics %s ==%n", metrics);
                    CourierServices.Settings settings = new CourierServices.Settings(
                            Map.of("metrics.enabled", Boolean.toString(metrics.equals("on"))), Map.of());
                    DemoClient client = DemoClient.create();
                    try (CourierServices services = CourierServices.start(root, data.resolve("stack-" + i + "-metrics-" + metrics), bootstrap,
                            redis.uri(), CourierServices.Ports.free(), client, settings)) {
                        for (int rate : rates) {
                            System.out.println("floor    " + OpenLoop.run(rate, seconds, floor::send).summary(rate));
                        }
                        measure(services, client, seconds, rates, warmUpSeconds, metrics, table);
                    }
                }
            }
        }
        System.out.printf("%nmetrics  rate/s      p50 ms      p99 ms      max ms   gateway CPU ms/req   blog CPU ms/req  lag monitor CPU%n");
        table.forEach(System.out::println);
        System.out.println("logs of the run: " + data);
    }

    /** Warms the stack up, then runs each rate, printing latency and what each request cost in CPU. */
    private static void measure(CourierServices services, DemoClient client, int seconds, List<Integer> rates, int warmUpSeconds,
                                String metrics, List<String> table) throws Exception {
        try (HttpLoadClient http = new HttpLoadClient(services.port(), CONNECTIONS)) {
            String authorization = "Bearer " + http.accessToken(client.id(), client.secret());
            Buffer body = Buffer.buffer("{\"title\":\"Benchmark\",\"content\":\"" + "x".repeat(150) + "\"}");
            // The first few slow requests of a rate, with where the gateway says their time went.
            Queue<String> slow = new ConcurrentLinkedQueue<>();
            LongFunction<CompletionStage<Boolean>> createPost = due -> http.send(HttpMethod.POST, "/posts", authorization, "application/json", body)
                    .thenApply(answer -> {
                        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - due);
                        if (millis >= SLOW_MILLIS && slow.size() < SLOW_SAMPLES) {
                            slow.add(String.format("%tT.%<tL %d ms %s", System.currentTimeMillis(), millis, answer.serverTiming()));
                        }
                        return answer.status() == 201;
                    });
            // Warm up the JIT, connections and metadata; not measured.
            OpenLoop.run(WARM_UP_RATE, warmUpSeconds, createPost);
            // Where one unloaded request spends its time, from the gateway's own Server-Timing.
            for (int i = 0; i < 5; i++) {
                System.out.println("single request Server-Timing: "
                        + http.send(HttpMethod.POST, "/posts", authorization, "application/json", body).toCompletableFuture().get().serverTiming());
            }
            long gateway = services.pid("edge-gateway");
            long blog = services.pid("blog-service");
            long monitor = services.pid("lag-monitor");
            for (int rate : rates) {
                slow.clear();
                long gatewayCpu = ProcessUsage.cpuMillis(gateway);
                long blogCpu = ProcessUsage.cpuMillis(blog);
                long monitorCpu = ProcessUsage.cpuMillis(monitor);
                long started = System.nanoTime();
                OpenLoop.Result result = OpenLoop.run(rate, seconds, createPost);
                double wall = (System.nanoTime() - started) / 1e9;
                long requests = Math.max(1, result.latency().getTotalCount());
                double gatewayPerRequest = (ProcessUsage.cpuMillis(gateway) - gatewayCpu) / (double) requests;
                double blogPerRequest = (ProcessUsage.cpuMillis(blog) - blogCpu) / (double) requests;
                double monitorShare = (ProcessUsage.cpuMillis(monitor) - monitorCpu) / 10.0 / wall;
                System.out.printf("gateway  %s  CPU/request: gateway %.3f ms, blog-service %.3f ms%n", result.summary(rate), gatewayPerRequest,
                        blogPerRequest);
                slow.forEach(request -> System.out.println("  slow: " + request));
                table.add(String.format(Locale.ROOT, "%-7s %7d %11.2f %11.2f %11.2f %20.3f %17.3f %16.1f%%", metrics, rate,
                        result.latency().getValueAtPercentile(50) / 1e6, result.latency().getValueAtPercentile(99) / 1e6,
                        result.latency().getMaxValue() / 1e6, gatewayPerRequest, blogPerRequest, monitorShare));
            }
            System.out.printf("lag monitor: %s; gateway: %s%n", ProcessUsage.memory(monitor), ProcessUsage.memory(gateway));
        }
    }
}
