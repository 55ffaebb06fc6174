package dev.courier.bench;

import dev.courier.event.PostCreated;
import dev.courier.event.PostUpdated;
import dev.courier.infra.dev.CourierServices;
import dev.courier.infra.dev.DemoClient;
import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.infra.process.Await;
import dev.courier.infra.process.WorkDirectory;
import dev.courier.infra.redis.RedisServer;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.topic.Topics;
import dev.courier.streams.ProcessorRuntime;
import dev.courier.streams.config.ProcessorConfig;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The streams processors' speed. First, throughput: N post events are written, then the processors
 * (exactly once, in this JVM) fold them into the author statistics; the rate is events over the time
 * from RUNNING until every event's offset is committed. The floor, in the same run over the same
 * records, is a plain kafka-clients loop that reads each record and writes it to another topic.
 * CPU per event is this JVM's and the broker's. Then freshness, through the whole stack: the time
 * from a {@code POST /posts} answered 201 to {@code GET /users/{id}/stats} counting it.
 *
 * <p>Usage: {@code ./bench StreamsViews [events=200000] [freshness samples=200]}
 */
public final class StreamsViews {

    private static final int PARTITIONS = 6;
    private static final int AUTHORS = 1_000;
    private static final Pattern POSTS_CREATED = Pattern.compile("\"postsCreated\":(\\d+)");

    private StreamsViews() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path root = Path.of(System.getProperty("courier.root", ".")).toAbsolutePath();
        System.out.printf("StreamsViews: events=%d partitions=%d authors=%d freshness samples=%d cores=%d; broker with full JIT%n",
                events, PARTITIONS, AUTHORS, samples, Runtime.getRuntime().availableProcessors());
        Path data = root.resolve("benchmarks/target/streams-views");
        WorkDirectory.delete(data);
        try (KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).fullJit().directory(data.resolve("kafka")).start();
             RedisServer redis = RedisServer.builder().directory(data.resolve("redis")).start()) {
            String bootstrap = kafka.bootstrapServers();
            long broker = kafka.node(1).pid();
            TopicAdmin.create(kafka, "bench.events", PARTITIONS, 1);
            TopicAdmin.create(kafka, "bench.copy", PARTITIONS, 1);
            write(bootstrap, "bench.events", events);

            Usage before = Usage.now(broker);
            long floorNanos = plainLoop(bootstrap, "bench.events", "bench.copy", events);
            System.out.println("floor       " + Usage.now(broker).since(before, floorNanos, events));

            try (ProcessorRuntime processors = ProcessorRuntime.start(config(bootstrap, data.resolve("state")))) {
                Await.until("the processors running", Duration.ofMinutes(2), () -> processors.state() == KafkaStreams.State.RUNNING,
                        () -> "state " + processors.state());
                before = Usage.now(broker);
                long started = System.nanoTime();
                Await.until("every event folded", Duration.ofMinutes(10), () -> committed(bootstrap, "bench.views", "bench.events") >= events,
                        () -> committed(bootstrap, "bench.views", "bench.events") + " of " + events);
                System.out.println("processors  " + Usage.now(broker).since(before, System.nanoTime() - started, events));
            }

            DemoClient client = DemoClient.create();
            try (CourierServices services = CourierServices.start(root, data.resolve("stack"), bootstrap, redis.uri(),
                    CourierServices.Ports.free(), client);
                 HttpLoadClient http = new HttpLoadClient(services.port(), 4)) {
                freshness(http, "Bearer " + http.accessToken(client.id(), client.secret()), client.id(), samples);
            }
        }
    }

    /** Writes the events as the blog service would: keyed by post, a request id each; a fifth of them updates. */
    private static void write(String bootstrap, String topic, int events) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 65_536),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            Instant at = Instant.parse("2026-11-30T00:00:00Z");
            for (int i = 0; i < events; i++) {
                String author = "author-" + (i % AUTHORS);
                boolean update = i % 5 == 4;
                String postId = "post-" + (update ? i - 1 : i);
                SpecificRecord event = update ? new PostUpdated(postId, author, "title", "y".repeat(120), at.plusMillis(i))
                        : new PostCreated(postId, author, "title", "x".repeat(100), at.plusMillis(i));
                RecordHeaders headers = new RecordHeaders();
                CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, "request-" + i);
                producer.send(new ProducerRecord<>(topic, null, postId.getBytes(StandardCharsets.UTF_8),
                        Topics.BLOG_EVENTS.valueSerde().serializer().serialize(topic, event), headers));
            }
        }
    }

    /** Reads every record and writes it to another topic, as fast as kafka-clients go; returns the nanoseconds taken. */
    private static long plainLoop(String bootstrap, String from, String to, int events) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "bench.floor", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false, ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 1_000),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                     ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 5, ProducerConfig.BATCH_SIZE_CONFIG, 65_536),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(from));
            int copied = 0;
            long started = 0;
            while (copied < events) {
                var records = consumer.poll(Duration.ofMillis(100));
                if (started == 0 && !records.isEmpty()) {
                    started = System.nanoTime();
                }
                for (var record : records) {
                    producer.send(new ProducerRecord<>(to, null, record.key(), record.value(), record.headers()));
                    copied++;
                }
                producer.flush();
                consumer.commitSync();
            }
            return System.nanoTime() - started;
        }
    }

    private static ProcessorConfig config(String bootstrap, Path state) {
        return new ProcessorConfig(bootstrap, "bench.views", "bench.events", "bench.queries", "bench.dlq", "bench.access",
                "bench.route-windows", List.of("bench.dlq"), "bench.dead-letter-windows", PARTITIONS, 1, Duration.ofHours(24),
                Duration.ofSeconds(30), Duration.ofDays(1), state, Map.of(), "127.0.0.1", 0, true);
    }

    /** Offsets the group has committed on the topic, all partitions together. */
    private static long committed(String bootstrap, String group, String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(entry -> entry.getKey().topic().equals(topic) && entry.getValue() != null)
                    .mapToLong(entry -> entry.getValue().offset()).sum();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the offsets of " + group, e);
        }
    }

    /** POST a post, then ask for its author's statistics until they count it; the time between, per sample. */
    private static void freshness(HttpLoadClient http, String authorization, String author, int samples) throws Exception {
        Histogram freshness = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        Buffer body = Buffer.buffer("{\"title\":\"Fresh\",\"content\":\"x\"}");
        int asks = 0;
        for (int i = 1; i <= samples; i++) {
            HttpLoadClient.Answer created = http.send(HttpMethod.POST, "/posts", authorization, "application/json", body).toCompletableFuture().get();
            if (created.status() != 201) {
                throw new IllegalStateException("POST /posts answered " + created.status() + ": " + created.body());
            }
            long answered = System.nanoTime();
            while (postsCreated(http.send(HttpMethod.GET, "/users/" + author + "/stats", authorization, "application/json", Buffer.buffer())
                    .toCompletableFuture().get().body()) < i) {
                asks++;
                if (System.nanoTime() - answered > TimeUnit.SECONDS.toNanos(30)) {
                    throw new IllegalStateException("the author's statistics did not count post " + i + " within 30 s");
                }
            }
            if (i > samples / 10) {
                // The first tenth warms the JIT and the connections up.
                freshness.recordValue(System.nanoTime() - answered);
            }
        }
        System.out.printf("freshness   201 to stats: p50=%.1f ms p99=%.1f ms max=%.1f ms over %d posts (%d stale answers)%n",
                freshness.getValueAtPercentile(50) / 1e6, freshness.getValueAtPercentile(99) / 1e6, freshness.getMaxValue() / 1e6,
                freshness.getTotalCount(), asks);
    }

    private static long postsCreated(String stats) {
        Matcher matcher = POSTS_CREATED.matcher(stats);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** This JVM's and the broker's CPU time, and the time. */
    private record Usage(long ownCpuNanos, long brokerCpuMillis) {

        static Usage now(long broker) {
            return new Usage(((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime(),
                    ProcessUsage.cpuMillis(broker));
        }

        String since(Usage before, long wallNanos, int events) {
            double seconds = wallNanos / 1e9;
            double own = (ownCpuNanos - before.ownCpuNanos) / 1e3 / events;
            double broker = (brokerCpuMillis - before.brokerCpuMillis) * 1e3 / events;
            return String.format("%,.0f events/s (%.2f s)  CPU µs/event: this JVM %.1f, broker %.1f", events / seconds, seconds, own, broker);
        }
    }
}
