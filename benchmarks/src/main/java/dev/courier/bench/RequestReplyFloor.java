package dev.courier.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The floor: plain kafka-clients request-reply over two topics (no HTTP, auth, Avro or Redis). A
 * responder thread answers every request record on the reply topic; the requester completes the
 * future waiting for it. Same producer settings as the gateway (idempotent, acks=all, linger 1 ms).
 */
final class RequestReplyFloor implements AutoCloseable {

    private final String requestsTopic;
    private final KafkaProducer<byte[], byte[]> requester;
    private final Thread responder;
    private final Thread replyReader;
    private final Map<Long, CompletableFuture<Boolean>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean running = true;

    RequestReplyFloor(String bootstrap, String requests, String replies) {
        requestsTopic = requests;
        requester = new KafkaProducer<>(producer(bootstrap), new ByteArraySerializer(), new ByteArraySerializer());
        responder = new Thread(() -> respond(bootstrap, requests, replies), "floor-responder");
        replyReader = new Thread(() -> readReplies(bootstrap, replies), "floor-replies");
        responder.start();
        replyReader.start();
    }

    CompletionStage<Boolean> send(long ignoredDue) {
        long id = ids.incrementAndGet();
        CompletableFuture<Boolean> reply = new CompletableFuture<>();
        waiting.put(id, reply);
        requester.send(new ProducerRecord<>(requestsTopic, ByteBuffer.allocate(8).putLong(0, id).array(), new byte[200]));
        return reply;
    }

    private void respond(String bootstrap, String requests, String replies) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producer(bootstrap), new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.assign(List.of(new TopicPartition(requests, 0)));
            consumer.seekToEnd(List.of(new TopicPartition(requests, 0)));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    producer.send(new ProducerRecord<>(replies, record.key(), new byte[200]));
                }
            }
        }
    }

    private void readReplies(String bootstrap, String replies) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrap)) {
            consumer.assign(List.of(new TopicPartition(replies, 0)));
            consumer.seekToEnd(List.of(new TopicPartition(replies, 0)));
            while (running) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    CompletableFuture<Boolean> reply = waiting.remove(ByteBuffer.wrap(record.key()).getLong());
                    if (reply != null) {
                        reply.complete(true);
                    }
                }
            }
        }
    }

    private static Map<String, Object> producer(String bootstrap) {
        return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.LINGER_MS_CONFIG, "1");
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String bootstrap) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        running = false;
        try {
            responder.join();
            replyReader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        requester.close();
    }
}
