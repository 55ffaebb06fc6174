package dev.courier.bench;

import dev.courier.infra.dev.CourierServices;
import dev.courier.infra.dev.DemoClient;
import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.process.WorkDirectory;
import dev.courier.infra.redis.RedisServer;
import dev.courier.schemas.topic.Topics;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Where the first requests after a quiet spell spend their time. Warms the stack up, leaves it idle,
 * then sends a burst of synchronous {@code POST /posts} at a fixed rate and, for each of the first
 * ones, prints the times on its way as the records' own timestamps tell them: the command written by
 * the gateway, the event and the reply written by the blog service, and the answer at the client,
 * each relative to when the request was sent.
 *
 * <p>Usage: {@code ./bench IdleBurst [idle seconds=20] [rate=1000] [burst seconds=2] [rounds=3]}
 */
public final class IdleBurst {

    private IdleBurst() {
    }

    public static void main(String[] args) throws Exception {
        int idleSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int burstSeconds = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path root = Path.of(System.getProperty("courier.root", ".")).toAbsolutePath();
        Path data = root.resolve("benchmarks/target/idle-burst");
        WorkDirectory.delete(data);
        System.out.printf("IdleBurst: idle %d s, then %d/s for %d s, %d rounds%n", idleSeconds, rate, burstSeconds, rounds);
        try (KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).fullJit().directory(data.resolve("kafka")).start();
             RedisServer redis = RedisServer.builder().directory(data.resolve("redis")).start()) {
            DemoClient client = DemoClient.create();
            try (CourierServices services = CourierServices.start(root, data.resolve("stack"), kafka.bootstrapServers(), redis.uri(),
                    CourierServices.Ports.free(), client, CourierServices.Settings.gateway(Map.of("http.idle-timeout", "600s")));
                 HttpLoadClient http = new HttpLoadClient(services.port(), 64)) {
                String authorization = "Bearer " + http.accessToken(client.id(), client.secret());
                Buffer body = Buffer.buffer("{\"title\":\"Burst\",\"content\":\"" + "x".repeat(150) + "\"}");
                burst(http, authorization, body, 300, 30);
                for (int round = 1; round <= rounds; round++) {
                    // The quiet spell under study, not a wait for something to happen.
                    Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
                    Map<String, long[]> sent = burst(http, authorization, body, rate, burstSeconds);
                    report(kafka.bootstrapServers(), sent, round);
                }
            }
        }
    }

    /** Sends at the rate; per request id, the wall-clock millis it was due and answered. */
    private static Map<String, long[]> burst(HttpLoadClient http, String authorization, Buffer body, int rate, int seconds) throws Exception {
        Map<String, long[]> times = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long start = System.nanoTime();
        for (long i = 0; i < (long) rate * seconds; i++) {
            long wait = start + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long due = System.currentTimeMillis();
            pending.add(http.send(HttpMethod.POST, "/posts", authorization, "application/json", body).toCompletableFuture()
                    .thenAccept(answer -> times.put(answer.requestId(), new long[] {due, System.currentTimeMillis()})));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        return times;
    }

    /** The slowest requests of the burst, hop by hop, from the records' timestamps. */
    private static void report(String bootstrap, Map<String, long[]> sent, int round) {
        Map<String, Long> commands = RecordTimes.byRequestId(bootstrap, Topics.BLOG_COMMANDS.name());
        Map<String, Long> replies = RecordTimes.byRequestId(bootstrap, Topics.REPLIES.name());
        Map<String, Long> events = RecordTimes.byRequestId(bootstrap, Topics.BLOG_EVENTS.name());
        List<Map.Entry<String, long[]>> slowest = new ArrayList<>(sent.entrySet());
        slowest.sort((a, b) -> Long.compare(b.getValue()[1] - b.getValue()[0], a.getValue()[1] - a.getValue()[0]));
        long first = sent.values().stream().mapToLong(t -> t[0]).min().orElse(0);
        System.out.printf("%nround %d: %d requests; slowest, ms after sending (sent = ms after the burst began):%n", round, sent.size());
        System.out.println("   sent  command  event  reply  answer");
        for (Map.Entry<String, long[]> request : slowest.subList(0, Math.min(12, slowest.size()))) {
            long due = request.getValue()[0];
            System.out.printf("  %5d  %7s  %5s  %5s  %6d%n", due - first, after(commands, request.getKey(), due),
                    after(events, request.getKey(), due), after(replies, request.getKey(), due), request.getValue()[1] - due);
        }
        timeline(sent, commands, replies, first);
    }

    /**
     * Per 100 ms of sending, the worst time each hop took: the first slice whose hop is late shows
     * where a stall began; later requests may only have queued behind it in the client.
     */
    private static void timeline(Map<String, long[]> sent, Map<String, Long> commands, Map<String, Long> replies, long first) {
        System.out.println("  timeline, worst ms per hop by 100 ms of sending");
        System.out.println("   sent  requests  request to command  command to reply  reply to answer");
        Map<Long, long[]> slices = new TreeMap<>();
        sent.forEach((requestId, times) -> {
            Long command = commands.get(requestId);
            Long reply = replies.get(requestId);
            if (command == null || reply == null) {
                return;
            }
            long[] worst = slices.computeIfAbsent((times[0] - first) / 100, slice -> new long[4]);
            worst[0]++;
            worst[1] = Math.max(worst[1], command - times[0]);
            worst[2] = Math.max(worst[2], reply - command);
            worst[3] = Math.max(worst[3], times[1] - reply);
        });
        slices.forEach((slice, worst) -> System.out.printf("  %5d  %8d  %18d  %16d  %15d%n", slice * 100, worst[0], worst[1], worst[2], worst[3]));
    }

    private static String after(Map<String, Long> timestamps, String requestId, long due) {
        Long at = timestamps.get(requestId);
        return at == null ? "-" : Long.toString(at - due);
    }
}
