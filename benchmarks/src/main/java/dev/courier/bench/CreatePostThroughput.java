package dev.courier.bench;

import dev.courier.blog.BlogService;
import dev.courier.command.CreatePost;
import dev.courier.commons.config.ConfigSources;
import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.infra.redis.RedisServer;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.ReplyTo;
import dev.courier.service.ServiceRuntime;
import dev.courier.service.config.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Throughput of one blog-service instance for CreatePost: N commands are written to the topic
 * first, then the service drains them; the rate is replies over the span from the first reply's
 * timestamp to the last. The floor, measured the same way in the same run, is a plain kafka-clients
 * loop over the same records that answers each with a reply and commits per batch — no decoding,
 * no Redis.
 *
 * <p>Usage: {@code ./bench CreatePostThroughput [commands=20000] [concurrency=1] [partitions=6]}
 */
public final class CreatePostThroughput {

    private CreatePostThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int partitions = args.length > 2 ? Integer.parseInt(args[2]) : 6;
        System.out.printf("CreatePost throughput: commands=%d concurrency=%d partitions=%d cores=%d%n",
                commands, concurrency, partitions, Runtime.getRuntime().availableProcessors());
        try (KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).start();
             RedisServer redis = RedisServer.builder().start()) {
            String bootstrap = kafka.bootstrapServers();
            String commandTopic = "bench.blog.commands";
            String serviceReplies = "bench.service.replies";
            String floorReplies = "bench.floor.replies";
            TopicAdmin.create(kafka, commandTopic, partitions, 1);
            TopicAdmin.create(kafka, serviceReplies, 1, 1);
            TopicAdmin.create(kafka, floorReplies, 1, 1);
            produceCommands(bootstrap, commandTopic, ReplyTo.of(serviceReplies, 0), commands);

            double floor = runFloor(bootstrap, commandTopic, floorReplies, commands);
            System.out.printf("floor (consume, reply, commit; no Redis): %,.0f commands/s%n", floor);

            Map<String, String> env = new HashMap<>();
            env.put(ConfigSources.envName(ServiceConfig.BOOTSTRAP_SERVERS), bootstrap);
            env.put(ConfigSources.envName(ServiceConfig.REDIS_ADDRESS), redis.uri());
            env.put(ConfigSources.envName(ServiceConfig.COMMAND_TOPIC), commandTopic);
            env.put(ConfigSources.envName(ServiceConfig.CONCURRENCY), Integer.toString(concurrency));
            ServiceConfig config = ServiceConfig.load(null, env, BlogService.DEFAULTS);
            System.out.println("service settings: maxPollRecords=" + config.maxPollRecords() + " linger.ms=5 (flushed per batch)");
            ServiceRuntime service = ServiceRuntime.start(config, BlogService.definition(Clock.systemUTC()));
            try {
                double rate = replyRate(bootstrap, serviceReplies, commands);
                System.out.printf("blog-service CreatePost: %,.0f commands/s (%.0f%% of the floor)%n", rate, 100 * rate / floor);
            } finally {
                service.close();
            }
        }
    }

    private static void produceCommands(String bootstrap, String topic, ReplyTo replyTo, int count) {
        SingleObjectCodec<SpecificRecord> codec = new SingleObjectCodec<>(Messages.BLOG_COMMANDS, SchemaCatalog.released());
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(bootstrap))) {
            for (int i = 0; i < count; i++) {
                String postId = UUID.randomUUID().toString();
                RecordHeaders headers = new RecordHeaders();
                CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, UUID.randomUUID().toString());
                CourierHeaders.put(headers, CourierHeaders.PRINCIPAL, "author-" + (i % 100));
                CourierHeaders.put(headers, CourierHeaders.REPLY_TO, replyTo.format());
                byte[] value = codec.encode(new CreatePost(postId, "Post " + i, "A body of a typical length for a short post. ".repeat(8)));
                producer.send(new ProducerRecord<>(topic, null, postId.getBytes(StandardCharsets.UTF_8), value, headers));
            }
        }
    }

    /** Consume, answer each record, flush, commit: what the service does minus decoding and Redis. */
    private static double runFloor(String bootstrap, String commandTopic, String replyTopic, int count) {
        Map<String, Object> consumerProps = consumerProps(bootstrap);
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "bench.floor");
        consumerProps.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumerProps.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "consumer");
        consumerProps.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(bootstrap))) {
            consumer.subscribe(List.of(commandTopic));
            int consumed = 0;
            while (consumed < count) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    producer.send(new ProducerRecord<>(replyTopic, 0, record.key(), record.value(), record.headers()));
                }
                producer.flush();
                consumer.commitSync(records.nextOffsets());
                consumed += records.count();
            }
        }
        return replyRate(bootstrap, replyTopic, count);
    }

    /** Replies per second between the first and the last reply's timestamps, once all have arrived. */
    private static double replyRate(String bootstrap, String replyTopic, int count) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap))) {
            TopicPartition partition = new TopicPartition(replyTopic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            int seen = 0;
            long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
            while (seen < count) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("only " + seen + " of " + count + " replies within 10 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    first = Math.min(first, record.timestamp());
                    last = Math.max(last, record.timestamp());
                    seen++;
                }
            }
            return (count - 1) * 1000.0 / Math.max(1, last - first);
        }
    }

    private static Map<String, Object> producerProps(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "5",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    }

    private static Map<String, Object> consumerProps(String bootstrap) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }
}
