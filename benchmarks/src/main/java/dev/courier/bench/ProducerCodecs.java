package dev.courier.bench;

import dev.courier.command.CreatePost;
import dev.courier.event.PostCreated;
import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.infra.process.Await;
import dev.courier.infra.process.WorkDirectory;
import dev.courier.model.Post;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.kafka.CourierHeaders;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Which compression the producers should use, by measurement: Courier's own records (commands,
 * replies and events as the gateway and the services write them, with their headers) written at a
 * fixed rate with the services' settings ({@code acks=all}, idempotent, {@code linger.ms=5}), once
 * per codec, each to its own topic; then read back. Prints, per codec, the records per batch, the
 * bytes on the broker's disk per record, and the CPU per record of the producing JVM, the broker
 * and the consuming JVM.
 *
 * <p>Usage: {@code ./bench ProducerCodecs [rate=3000] [seconds=10] [codecs=none,lz4,snappy,zstd,gzip]}
 */
public final class ProducerCodecs {

    private ProducerCodecs() {
    }

    public static void main(String[] args) throws Exception {
        int rate = args.length > 0 ? Integer.parseInt(args[0]) : 3_000;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        List<String> codecs = List.of((args.length > 2 ? args[2] : "none,lz4,snappy,zstd,gzip").split(","));
        Path root = Path.of(System.getProperty("courier.root", ".")).toAbsolutePath();
        Path data = root.resolve("benchmarks/target/producer-codecs");
        WorkDirectory.delete(data);
        List<ProducerRecord<byte[], byte[]>> records = courierRecords(5_000);
        System.out.printf("ProducerCodecs: %d records/s for %d s per codec, acks=all, linger.ms=5, 6 partitions; records of %d to %d bytes%n",
                rate, seconds, records.stream().mapToInt(r -> r.value().length).min().orElse(0),
                records.stream().mapToInt(r -> r.value().length).max().orElse(0));
        try (KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).fullJit().directory(data.resolve("kafka")).start()) {
            long broker = kafka.node(1).pid();
            // Warm the JITs on both sides up with the first codec, unmeasured.
            TopicAdmin.create(kafka, "bench.codec.warm-up", 6, 1);
            produce(kafka.bootstrapServers(), "bench.codec.warm-up", codecs.get(0), records, rate, seconds);
            // Every codec twice, the second round printed: by then each path has been compiled.
            for (int round = 1; round <= 2; round++) {
                if (round == 2) {
                    System.out.printf("%n%-7s %9s %14s %18s %16s %18s%n", "codec", "rec/batch", "disk B/record", "producer µs/rec",
                            "broker µs/rec", "consumer µs/rec");
                }
                for (String codec : codecs) {
                    measure(kafka, broker, "bench.codec." + codec + "." + round, codec, records, rate, seconds, round == 2);
                }
            }
        }
    }

    private static void measure(KafkaCluster kafka, long broker, String topic, String codec, List<ProducerRecord<byte[], byte[]>> records,
                                int rate, int seconds, boolean print) throws Exception {
        TopicAdmin.create(kafka, topic, 6, 1);
        long ownBefore = ownCpuNanos();
        long brokerBefore = ProcessUsage.cpuMillis(broker);
        Produced produced = produce(kafka.bootstrapServers(), topic, codec, records, rate, seconds);
        double producerMicros = (ownCpuNanos() - ownBefore) / 1e3 / produced.count();
        double brokerMicros = (ProcessUsage.cpuMillis(broker) - brokerBefore) * 1e3 / produced.count();
        ownBefore = ownCpuNanos();
        consumeAll(kafka.bootstrapServers(), topic, produced.count());
        double consumerMicros = (ownCpuNanos() - ownBefore) / 1e3 / produced.count();
        double diskBytes = (double) bytesOnDisk(kafka.bootstrapServers(), topic) / produced.count();
        if (print) {
            System.out.printf("%-7s %9.1f %14.1f %18.1f %16.1f %18.1f%n", codec, produced.recordsPerBatch(), diskBytes, producerMicros,
                    brokerMicros, consumerMicros);
        }
    }

    /** A third each: commands, replies and events, as Courier writes them. */
    private static List<ProducerRecord<byte[], byte[]>> courierRecords(int count) {
        SingleObjectCodec<SpecificRecord> commands = new SingleObjectCodec<>(Messages.BLOG_COMMANDS, SchemaCatalog.released());
        SingleObjectCodec<Reply> replies = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released());
        SingleObjectCodec<SpecificRecord> events = new SingleObjectCodec<>(Messages.BLOG_EVENTS, SchemaCatalog.released());
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>();
        Instant now = Instant.parse("2026-11-30T12:00:00Z");
        for (int i = 0; i < count; i++) {
            String postId = UUID.randomUUID().toString();
            String content = "A body of a typical length for a short post, number " + i + ". ".repeat(1 + i % 4);
            RecordHeaders headers = new RecordHeaders();
            CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, UUID.randomUUID().toString());
            CourierHeaders.put(headers, CourierHeaders.CORRELATION_ID, UUID.randomUUID().toString());
            byte[] value = switch (i % 3) {
                case 0 -> {
                    CourierHeaders.put(headers, CourierHeaders.PRINCIPAL, "author-" + (i % 100));
                    CourierHeaders.put(headers, CourierHeaders.REPLY_TO, "courier.replies:" + (i % 12));
                    yield commands.encode(new CreatePost(postId, "Post " + i, content));
                }
                case 1 -> replies.encode(Reply.newBuilder().setOutcome(Outcome.OK)
                        .setPayload(new Post(postId, "author-" + (i % 100), "Post " + i, content, now, now)).build());
                default -> events.encode(new PostCreated(postId, "author-" + (i % 100), "Post " + i, content, now));
            };
            records.add(new ProducerRecord<>("unset", null, postId.getBytes(StandardCharsets.UTF_8), value, headers));
        }
        return records;
    }

    private record Produced(long count, double recordsPerBatch) {
    }

    private static Produced produce(String bootstrap, String topic, String codec, List<ProducerRecord<byte[], byte[]>> records, int rate,
                                    int seconds) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, codec), new ByteArraySerializer(), new ByteArraySerializer())) {
            long total = (long) rate * seconds;
            AtomicLong failed = new AtomicLong();
            AtomicReference<Exception> firstError = new AtomicReference<>();
            long interval = TimeUnit.SECONDS.toNanos(1) / rate;
            long start = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long wait = start + i * interval - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                ProducerRecord<byte[], byte[]> record = records.get((int) (i % records.size()));
                producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()), (metadata, error) -> {
                    if (error != null) {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error);
                    }
                });
            }
            producer.flush();
            if (failed.get() > 0) {
                throw new IllegalStateException(failed.get() + " records not written with " + codec, firstError.get());
            }
            double perBatch = producer.metrics().entrySet().stream()
                    .filter(metric -> metric.getKey().name().equals("records-per-request-avg") && metric.getKey().group().equals("producer-metrics"))
                    .map(metric -> (Double) metric.getValue().metricValue()).findFirst().orElse(Double.NaN);
            return new Produced(total, perBatch);
        }
    }

    private static void consumeAll(String bootstrap, String topic, long count) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long[] read = {0};
            Await.until(count + " records read back from " + topic, Duration.ofMinutes(2),
                    () -> (read[0] += consumer.poll(Duration.ofMillis(200)).count()) >= count, () -> read[0] + " read");
        }
    }

    private static long bytesOnDisk(String bootstrap, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            return admin.describeLogDirs(List.of(1)).allDescriptions().get(30, TimeUnit.SECONDS).values().stream()
                    .flatMap(dirs -> dirs.values().stream())
                    .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                    .filter(replica -> replica.getKey().topic().equals(topic))
                    .mapToLong(replica -> replica.getValue().size()).sum();
        }
    }

    private static long ownCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
