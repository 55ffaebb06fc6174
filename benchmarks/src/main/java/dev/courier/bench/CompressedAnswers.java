package dev.courier.bench;

import dev.courier.infra.dev.CourierServices;
import dev.courier.infra.dev.DemoClient;
import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.process.WorkDirectory;
import dev.courier.infra.redis.RedisServer;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongFunction;

/**
 * What compressing answers costs the gateway: {@code GET /posts/{id}} of one large post, in a closed
 * loop, first with {@code Accept-Encoding: gzip}, then without, in the same run. Prints requests per
 * second, the gateway's CPU per request and the bytes of each answer's body.
 *
 * <p>Usage: {@code ./bench CompressedAnswers [seconds=15] [content bytes=8000] [concurrency=32]}
 */
public final class CompressedAnswers {

    private CompressedAnswers() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int contentBytes = args.length > 1 ? Integer.parseInt(args[1]) : 8_000;
        int concurrency = args.length > 2 ? Integer.parseInt(args[2]) : 32;
        Path root = Path.of(System.getProperty("courier.root", ".")).toAbsolutePath();
        Path data = root.resolve("benchmarks/target/compressed-answers");
        WorkDirectory.delete(data);
        System.out.printf("CompressedAnswers: GET /posts/{id} of a post with %d bytes of content, closed loop of %d, %d s each way%n",
                contentBytes, concurrency, seconds);
        try (KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).fullJit().directory(data.resolve("kafka")).start();
             RedisServer redis = RedisServer.builder().directory(data.resolve("redis")).start()) {
            DemoClient client = DemoClient.create();
            try (CourierServices services = CourierServices.start(root, data.resolve("stack"), kafka.bootstrapServers(), redis.uri(),
                    CourierServices.Ports.free(), client, CourierServices.Settings.none().withoutStreamsProcessors());
                 HttpLoadClient http = new HttpLoadClient(services.port(), concurrency)) {
                String authorization = "Bearer " + http.accessToken(client.id(), client.secret());
                String content = "Some words of a long post, again and again. ".repeat(contentBytes / 40 + 1).substring(0, contentBytes);
                String created = http.send(HttpMethod.POST, "/posts", authorization, "application/json",
                        Buffer.buffer("{\"title\":\"Long\",\"content\":\"" + content + "\"}")).toCompletableFuture().get().body();
                String path = "/posts/" + HttpLoadClient.postId(created);
                long gateway = services.pid("edge-gateway");
                for (String encoding : new String[] {"gzip", "identity", "gzip", "identity"}) {
                    LongAdder bytes = new LongAdder();
                    LongFunction<CompletionStage<Boolean>> get = due -> http.send(HttpMethod.GET, path, authorization, "application/json",
                            Buffer.buffer(), Map.of("Accept-Encoding", encoding)).thenApply(answer -> {
                                bytes.add(answer.body().length());
                                return answer.status() == 200;
                            });
                    long cpuBefore = ProcessUsage.cpuMillis(gateway);
                    ClosedLoop.Result result = ClosedLoop.run(concurrency, seconds, get);
                    double perRequest = (ProcessUsage.cpuMillis(gateway) - cpuBefore) * 1000.0 / Math.max(1, result.ok());
                    System.out.printf("Accept-Encoding: %-8s %s  gateway CPU %.0f µs/req  body %.0f bytes%n", encoding,
                            result.summary(concurrency), perRequest, bytes.doubleValue() / Math.max(1, result.ok()));
                }
            }
        }
    }
}
