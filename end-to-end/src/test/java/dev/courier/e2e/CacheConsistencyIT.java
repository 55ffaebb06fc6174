package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.Gateway;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The response cache under writers and readers on two gateway instances, at random: a writer whose
 * update got its 200 through a gateway never reads an older version from that gateway, and once
 * the writes stop both gateways serve the last version of every post (their events caught up).
 * Prints the hit ratio, the latency of hits and misses, and how stale the other readers' answers
 * were; the seed is printed so a failing run can be repeated ({@code -Dcache.seed=}).
 */
@ExtendWith(InfraExtension.class)
class CacheConsistencyIT {

    private static final int POSTS = 4;
    private static final int WRITERS = 2;
    private static final int READERS = 3;
    private static final int WRITES_PER_WRITER = 40;

    /** One read's outcome: which version it saw, the last version acknowledged when it began, and how it was served. */
    private record Read(int post, int version, int acknowledged, boolean hit, long nanos) {
    }

    @Test
    void shouldNeverServeAWriterAnOlderVersionThroughTheGatewayItWroteThroughAndConvergeOnBoth(KafkaEndpoint kafka, RedisEndpoint redis,
                                                                                             @TempDir Path dir) throws Exception {
        long seed = Long.getLong("cache.seed", System.nanoTime());
        System.out.println("CacheConsistencyIT seed=" + seed);
        try (Stack stack = Stack.start(kafka, redis, dir)) {
            Gateway first = stack.gateway("cache-gw-1", Map.of());
            Gateway second = stack.gateway("cache-gw-2", Map.of());
            try {
                List<Http> gateways = List.of(new Http(first.port()), new Http(second.port()));
                String token = gateways.get(0).token("demo", Stack.DEMO_SECRET);
                String[] posts = new String[POSTS];
                for (int i = 0; i < POSTS; i++) {
                    Http.Response created = gateways.get(0).request("POST", "/posts").bearer(token).json("{\"title\":\"v0\",\"content\":\"x\"}").send();
                    assertThat(created.status()).as(created.body()).isEqualTo(201);
                    posts[i] = created.json().get("postId").asText();
                }
                AtomicIntegerArray acknowledged = new AtomicIntegerArray(POSTS);
                Queue<String> violations = new ConcurrentLinkedQueue<>();
                Queue<Read> reads = new ConcurrentLinkedQueue<>();
                AtomicBoolean writing = new AtomicBoolean(true);
                ExecutorService threads = Executors.newFixedThreadPool(WRITERS + READERS);
                List<Future<?>> writers = new ArrayList<>();

                // when: each writer updates its own posts through either gateway and reads each back through the same one
                for (int w = 0; w < WRITERS; w++) {
                    SplittableRandom random = new SplittableRandom(seed + w);
                    int writer = w;
                    writers.add(threads.submit(() -> {
                        for (int n = 1; n <= WRITES_PER_WRITER; n++) {
                            int post = writer + WRITERS * random.nextInt(POSTS / WRITERS);
                            int version = acknowledged.get(post) + 1;
                            Http gateway = gateways.get(random.nextInt(gateways.size()));
                            Http.Response updated = gateway.request("PATCH", "/posts/" + posts[post]).bearer(token)
                                    .json("{\"title\":\"v" + version + "\"}").send();
                            if (updated.status() != 200) {
                                violations.add("update of post " + post + " to v" + version + ": " + updated);
                                continue;
                            }
                            acknowledged.set(post, version);
                            int seen = version(gateway.request("GET", "/posts/" + posts[post]).bearer(token).send());
                            if (seen < version) {
                                violations.add("post " + post + ": wrote v" + version + " through a gateway, then read v" + seen + " from it");
                            }
                        }
                    }));
                }
                // and readers read any post through either gateway meanwhile
                for (int r = 0; r < READERS; r++) {
                    SplittableRandom random = new SplittableRandom(seed + 100 + r);
                    threads.submit(() -> {
                        while (writing.get()) {
                            int post = random.nextInt(POSTS);
                            int known = acknowledged.get(post);
                            long began = System.nanoTime();
                            Http.Response read = gateways.get(random.nextInt(gateways.size())).request("GET", "/posts/" + posts[post]).bearer(token).send();
                            long nanos = System.nanoTime() - began;
                            reads.add(new Read(post, version(read), known, !read.header("Server-Timing").contains("reply;"), nanos));
                        }
                    });
                }
                for (Future<?> writer : writers) {
                    writer.get(120, TimeUnit.SECONDS);
                }
                writing.set(false);
                threads.shutdown();
                assertThat(threads.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

                // then
                assertThat(violations).as("seed %d", seed).isEmpty();
                for (int post = 0; post < POSTS; post++) {
                    String path = "/posts/" + posts[post];
                    int last = acknowledged.get(post);
                    for (Http gateway : gateways) {
                        Await.until("both gateways to serve v" + last + " of post " + post, Duration.ofSeconds(30),
                                () -> version(gateway.request("GET", path).bearer(token).send()) == last, () -> "older");
                    }
                }
                report(new ArrayList<>(reads));
                assertThat(reads).as("readers read while the writers wrote").isNotEmpty();
            } finally {
                first.close();
                second.close();
            }
        }
    }

    private static int version(Http.Response read) {
        if (read.status() != 200) {
            throw new AssertionError("a read failed: " + read);
        }
        return Integer.parseInt(read.json().get("title").asText().substring(1));
    }

    private static void report(List<Read> reads) {
        List<Long> hits = new ArrayList<>();
        List<Long> misses = new ArrayList<>();
        int older = 0;
        int mostBehind = 0;
        for (Read read : reads) {
            (read.hit() ? hits : misses).add(read.nanos());
            if (read.version() < read.acknowledged()) {
                older++;
                mostBehind = Math.max(mostBehind, read.acknowledged() - read.version());
            }
        }
        System.out.printf("CacheConsistencyIT: %d reads, hit ratio %.2f, hit p50 %.2f ms / p99 %.2f ms, miss p50 %.2f ms / p99 %.2f ms; "
                        + "%d answers older than a write already acknowledged when the read began (at most %d versions behind)%n",
                reads.size(), hits.size() / (double) Math.max(1, reads.size()), millis(hits, 0.5), millis(hits, 0.99), millis(misses, 0.5),
                millis(misses, 0.99), older, mostBehind);
    }

    private static double millis(List<Long> nanos, double quantile) {
        if (nanos.isEmpty()) {
            return Double.NaN;
        }
        Collections.sort(nanos);
        return nanos.get((int) Math.min(nanos.size() - 1, Math.floor(quantile * nanos.size()))) / 1e6;
    }
}
