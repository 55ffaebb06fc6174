package dev.courier.bench;

import dev.courier.infra.dev.CourierServices;
import dev.courier.infra.dev.DemoClient;
import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.infra.process.WorkDirectory;
import dev.courier.infra.redis.RedisServer;
import dev.courier.schemas.topic.Topics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Synchronous {@code POST /posts} through the gateway (HTTP, JWT, Avro, Kafka, the blog service,
 * Redis, the reply back): open-loop latency at fixed rates beside the floor (plain kafka-clients
 * request-reply at the same rates in the same run), then the most the sync and the async
 * ({@code Prefer: respond-async}) paths answer closed-loop. Beside each: the CPU time each process
 * spent per request and the Redis commands per request, so a change's cost shows even when latency
 * is noisy. The stack runs as {@code ./courier} runs it, each part its own process; this JVM only
 * generates load and runs the floor. All of them share this machine's cores. The stack is started
 * once per metrics setting ({@code metrics.enabled} in every Courier process), one after the other
 * on the same broker and Redis.
 *
 * <p>Usage: {@code ./bench GatewayLoad [seconds=15] [rates=250,500,750,1000] [warm-up seconds=30] [metrics=on,off]
 * [closed-loop concurrency=64] [processors=off]}. The streams processors are left out unless
 * {@code processors=on}: they are not on the request path (they fold its records afterwards), and on
 * two cores their CPU would be measured as the request path's.
 */
public final class GatewayLoad {

    /** Keep-alive connections of the load generator; requests beyond them queue in the client. */
    private static final int CONNECTIONS = 256;
    private static final int WARM_UP_RATE = 300;
    private static final long SLOW_MILLIS = 100;
    private static final int SLOW_SAMPLES = 5;

    private GatewayLoad() {
    }

    /** The run's parameters. */
    private record Plan(int seconds, List<Integer> rates, int warmUpSeconds, List<String> metricsSettings, int concurrency,
                        boolean processors) {

        static Plan of(String[] args) {
            List<Integer> rates = new ArrayList<>();
            for (String rate : (args.length > 1 ? args[1] : "250,500,750,1000").split(",")) {
                rates.add(Integer.parseInt(rate.trim()));
            }
            List<String> metrics = List.of((args.length > 3 ? args[3] : "on,off").split(","));
            if (!metrics.stream().allMatch(setting -> setting.equals("on") || setting.equals("off"))) {
                throw new IllegalArgumentException("metrics settings are on or off, was " + metrics);
            }
            return new Plan(args.length > 0 ? Integer.parseInt(args[0]) : 15, rates, args.length > 2 ? Integer.parseInt(args[2]) : 30,
                    metrics, args.length > 4 ? Integer.parseInt(args[4]) : 64, args.length > 5 && args[5].equals("processors=on"));
        }
    }

    public static void main(String[] args) throws Exception {
        Plan plan = Plan.of(args);
        Path root = Path.of(System.getProperty("courier.root", ".")).toAbsolutePath();
        if (!CourierServices.built(root)) {
            throw new IllegalStateException("build the modules first (./bench does): no runtime-classpath.txt under " + root);
        }
        System.out.printf("GatewayLoad: sync POST /posts, open loop, %d s per rate, rates=%s, warm-up %d s at %d/s, metrics %s, "
                        + "closed loop with %d in flight, cores=%d, streams processors %s%n", plan.seconds(), plan.rates(), plan.warmUpSeconds(),
                WARM_UP_RATE, plan.metricsSettings(), plan.concurrency(), Runtime.getRuntime().availableProcessors(),
                plan.processors() ? "running" : "left out");
        // Kept after the run for its logs; replaced by the next run.
        Path data = root.resolve("benchmarks/target/gateway-load");
        WorkDirectory.delete(data);
        List<String> table = new ArrayList<>();
        try (KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).fullJit().directory(data.resolve("kafka")).start();
             RedisServer redis = RedisServer.builder().directory(data.resolve("redis"))
                     // README: to see the stack without Redis's append-only-file rewrites, 0.
                     .aofRewritePercentage(Integer.getInteger("courier.redis.aof-rewrite-percentage", 100)).start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicAdmin.create(kafka, "bench.floor.requests", 1, 1);
            TopicAdmin.create(kafka, "bench.floor.replies", 1, 1);
            try (RequestReplyFloor floor = new RequestReplyFloor(bootstrap, "bench.floor.requests", "bench.floor.replies")) {
                OpenLoop.run(WARM_UP_RATE, 5, floor::send);
                for (int i = 0; i < plan.metricsSettings().size(); i++) {
                    String metrics = plan.metricsSettings().get(i);
                    System.out.printf("%n== metrics %s ==%n", metrics);
                    CourierServices.Settings settings = new CourierServices.Settings(
                            Map.of("metrics.enabled", Boolean.toString(metrics.equals("on"))),
                            // Connections outlive the floor's phase, as a client's pool would between bursts.
                            Map.of("http.idle-timeout", HttpLoadClient.KEEP_ALIVE_SECONDS * 2 + "s"));
                    if (!plan.processors()) {
                        settings = settings.withoutStreamsProcessors();
                    }
                    DemoClient client = DemoClient.create();
                    try (CourierServices services = CourierServices.start(root, data.resolve("stack-" + i + "-metrics-" + metrics), bootstrap,
                            redis.uri(), CourierServices.Ports.free(), client, settings)) {
                        Map<String, Long> pids = new LinkedHashMap<>();
                        pids.put("gateway", services.pid("edge-gateway"));
                        pids.put("blog-service", services.pid("blog-service"));
                        if (plan.processors()) {
                            // Each request's access record and its post's event are folded there.
                            pids.put("streams-processors", services.pid("streams-processors"));
                        }
                        pids.put("kafka", kafka.node(1).pid());
                        pids.put("redis", redis.pid());
                        pids.put(StackUsage.LOAD_GENERATOR, ProcessHandle.current().pid());
                        StackUsage usage = new StackUsage(pids, redis.host(), redis.port());
                        measure(services, client, plan, usage, metrics, table, floor, bootstrap);
                    }
                }
            }
        }
        System.out.printf("%nmetrics  rate/s      p50 ms      p99 ms      max ms   gateway CPU ms/req   blog CPU ms/req  lag monitor CPU%n");
        table.forEach(System.out::println);
        System.out.println("logs of the run: " + data);
    }

    /**
     * What the floor's requests cost: the broker's share beside the gateway's shows what Kafka itself
     * costs per request here. The floor's client and responder run in this JVM, the load generator's.
     */
    private static String floorCpu(StackUsage.PerRequest spent) {
        return String.format(Locale.ROOT, "CPU µs/request: kafka %.0f, client and responder %.0f", spent.cpuMicros().get("kafka"),
                spent.cpuMicros().get(StackUsage.LOAD_GENERATOR));
    }

    /** Warms the stack up, runs the floor then the gateway at each rate, then the closed loops, printing latency and what each request cost. */
    private static void measure(CourierServices services, DemoClient client, Plan plan, StackUsage usage, String metrics,
                                List<String> table, RequestReplyFloor floor, String bootstrap) throws Exception {
        try (HttpLoadClient http = new HttpLoadClient(services.port(), CONNECTIONS)) {
            String authorization = "Bearer " + http.accessToken(client.id(), client.secret());
            Buffer body = Buffer.buffer("{\"title\":\"Benchmark\",\"content\":\"" + "x".repeat(150) + "\"}");
            // The first few slow requests of a rate, with where the gateway says their time went.
            Queue<String> slow = new ConcurrentLinkedQueue<>();
            TimeSplit split = new TimeSplit();
            LongFunction<CompletionStage<Boolean>> createPost = due -> http.send(HttpMethod.POST, "/posts", authorization, "application/json", body)
                    .thenApply(answer -> {
                        long nanos = System.nanoTime() - due;
                        split.record(answer.requestId(), nanos, answer.serverTiming());
                        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
                        if (millis >= SLOW_MILLIS && slow.size() < SLOW_SAMPLES) {
                            slow.add(String.format("%tT.%<tL %d ms %s", System.currentTimeMillis(), millis, answer.serverTiming()));
                        }
                        return answer.status() == 201;
                    });
            LongFunction<CompletionStage<Boolean>> createPostAsync = sent -> http.send(HttpMethod.POST, "/posts", authorization,
                    "application/json", body, Map.of("Prefer", "respond-async")).thenApply(answer -> answer.status() == 202);
            // Warm up the JIT, connections and metadata; not measured.
            OpenLoop.run(WARM_UP_RATE, plan.warmUpSeconds(), createPost);
            // Where one unloaded request spends its time, from the gateway's own Server-Timing.
            for (int i = 0; i < 5; i++) {
                System.out.println("single request Server-Timing: "
                        + http.send(HttpMethod.POST, "/posts", authorization, "application/json", body).toCompletableFuture().get().serverTiming());
            }
            long monitor = services.pid("lag-monitor");
            for (int rate : plan.rates()) {
                // The floor just before, under the same conditions (the stack idle but warm), for the ratios.
                StackUsage.Snapshot floorBefore = usage.now();
                OpenLoop.Result floorResult = OpenLoop.run(rate, plan.seconds(), floor::send);
                System.out.printf("floor    %s%n         %s%n", floorResult.summary(rate),
                        floorCpu(usage.perRequest(floorBefore, Math.max(1, floorResult.latency().getTotalCount()))));
                slow.clear();
                split.clear();
                StackUsage.Snapshot before = usage.now();
                long monitorCpu = ProcessUsage.cpuMillis(monitor);
                long started = System.nanoTime();
                OpenLoop.Result result = OpenLoop.run(rate, plan.seconds(), createPost);
                double wall = (System.nanoTime() - started) / 1e9;
                long requests = Math.max(1, result.latency().getTotalCount());
                StackUsage.PerRequest spent = usage.perRequest(before, requests);
                double monitorShare = (ProcessUsage.cpuMillis(monitor) - monitorCpu) / 10.0 / wall;
                System.out.printf("gateway  %s%n         %s%n", result.summary(rate), spent);
                System.out.println("         " + split.summary(RecordTimes.byRequestId(bootstrap, Topics.BLOG_COMMANDS.name()),
                        RecordTimes.byRequestId(bootstrap, Topics.REPLIES.name())));
                slow.forEach(request -> System.out.println("  slow: " + request));
                table.add(String.format(Locale.ROOT, "%-7s %7d %11.2f %11.2f %11.2f %20.3f %17.3f %16.1f%%", metrics, rate,
                        result.latency().getValueAtPercentile(50) / 1e6, result.latency().getValueAtPercentile(99) / 1e6,
                        result.latency().getMaxValue() / 1e6, spent.cpuMicros().get("gateway") / 1000, spent.cpuMicros().get("blog-service") / 1000,
                        monitorShare));
            }
            closedLoop("sync ", plan, usage, createPost);
            closedLoop("async", plan, usage, createPostAsync);
            System.out.printf("lag monitor: %s; gateway: %s%n", ProcessUsage.memory(monitor), ProcessUsage.memory(services.pid("edge-gateway")));
        }
    }

    private static void closedLoop(String name, Plan plan, StackUsage usage, LongFunction<CompletionStage<Boolean>> send) throws Exception {
        StackUsage.Snapshot before = usage.now();
        ClosedLoop.Result result = ClosedLoop.run(plan.concurrency(), plan.seconds(), send);
        System.out.printf("%s closed loop  %s%n         %s%n", name, result.summary(plan.concurrency()), usage.perRequest(before, result.ok()));
    }
}
