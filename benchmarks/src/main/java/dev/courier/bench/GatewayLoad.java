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
import java.util.Queue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * Latency of synchronous {@code POST /posts} through the gateway (HTTP, JWT, Avro, Kafka, the blog
 * service, Redis, the reply back), open-loop at fixed rates, beside the floor: plain kafka-clients
 * request-reply at the same rates in the same run. The stack runs as {@code ./courier} runs it:
 * broker, Redis, services and gateway each in their own process; this JVM only generates load and
 * runs the floor. All of them share this machine's cores.
 *
 * <p>Usage: {@code ./bench GatewayLoad [seconds=15] [rates=250,500,750,1000] [warm-up seconds=30]}
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
        Path root = Path.of(System.getProperty("courier.root", ".")).toAbsolutePath();
        if (!CourierServices.built(root)) {
            throw new IllegalStateException("build the modules first (./bench does): no runtime-classpath.txt under " + root);
        }
        System.out.printf("GatewayLoad: sync POST /posts, open loop, %d s per rate, rates=%s, warm-up %d s at %d/s, cores=%d%n",
                seconds, rates, warmUpSeconds, WARM_UP_RATE, Runtime.getRuntime().availableProcessors());
        // Kept after the run for its logs; replaced by the next run.
        Path data = root.resolve("benchmarks/target/gateway-load");
        WorkDirectory.delete(data);
        DemoClient client = DemoClient.create();
        try (KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).directory(data.resolve("kafka")).start();
             RedisServer redis = RedisServer.builder().directory(data.resolve("redis")).start()) {
            String bootstrap = kafka.bootstrapServers();
            TopicAdmin.create(kafka, "bench.floor.requests", 1, 1);
            TopicAdmin.create(kafka, "bench.floor.replies", 1, 1);
            try (CourierServices services = CourierServices.start(root, data, bootstrap, redis.uri(), CourierServices.Ports.free(), client);
                 RequestReplyFloor floor = new RequestReplyFloor(bootstrap, "bench.floor.requests", "bench.floor.replies");
                 HttpLoadClient http = new HttpLoadClient(services.port(), CONNECTIONS)) {
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
                OpenLoop.run(WARM_UP_RATE, 5, floor::send);
                // Where one unloaded request spends its time, from the gateway's own Server-Timing.
                for (int i = 0; i < 5; i++) {
                    System.out.println("single request Server-Timing: "
                            + http.send(HttpMethod.POST, "/posts", authorization, "application/json", body).toCompletableFuture().get().serverTiming());
                }
                for (int rate : rates) {
                    System.out.println("floor    " + OpenLoop.run(rate, seconds, floor::send).summary(rate));
                    slow.clear();
                    System.out.println("gateway  " + OpenLoop.run(rate, seconds, createPost).summary(rate));
                    slow.forEach(request -> System.out.println("  slow: " + request));
                }
            }
        }
        System.out.println("logs of the run: " + data.resolve("logs"));
    }
}
