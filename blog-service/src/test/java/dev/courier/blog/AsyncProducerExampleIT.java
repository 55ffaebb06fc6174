package dev.courier.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.json.AvroToJson;
import dev.courier.service.ServiceRuntime;
import dev.courier.service.config.ServiceConfig;
import dev.courier.service.testing.TestServices;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The example of docs/async-producers.md, run against a real broker and blog service: a producer
 * that knows nothing of Courier's code writes a JSON command with a reply-to of its own and reads
 * the reply. Only the last step, turning the Avro reply into JSON, uses the {@code schemas} jar.
 */
@ExtendWith(InfraExtension.class)
class AsyncProducerExampleIT {

    @Test
    void shouldAnswerJsonCommandFromPlainKafkaProducerOnItsOwnReplyTopic(KafkaEndpoint kafka, RedisEndpoint redis) {
        ServiceConfig config = TestServices.config(BlogService.DEFAULTS, kafka, redis, Map.of());
        String replyTopic = TopicAdmin.uniqueName("my-app.replies");
        TopicAdmin.create(kafka, replyTopic, 1, 1);
        try (ServiceRuntime service = ServiceRuntime.start(config, BlogService.definition(Clock.systemUTC()))) {
            String reply = createPostAndReadReply(kafka.bootstrapServers(), service.config().commandTopic(), replyTopic);

            assertThat(reply).contains("\"outcome\":\"OK\"").contains("\"title\":\"Hello from outside\"");
        }
    }

    // --- the example: copy from here ---

    static String createPostAndReadReply(String bootstrapServers, String commandTopic, String replyTopic) {
        String postId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        String json = "{\"postId\":\"" + postId + "\",\"title\":\"Hello from outside\",\"content\":\"Written by a plain producer.\"}";

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName()))) {
            ProducerRecord<String, String> command = new ProducerRecord<>(commandTopic, postId, json);
            command.headers()
                    .add("courier-request-id", requestId.getBytes(StandardCharsets.UTF_8))
                    .add("courier-principal", "my-app".getBytes(StandardCharsets.UTF_8))
                    .add("courier-reply-to", (replyTopic + ":0").getBytes(StandardCharsets.UTF_8))
                    .add("content-type", "application/json".getBytes(StandardCharsets.UTF_8))
                    .add("courier-message-type", "dev.courier.command.CreatePost".getBytes(StandardCharsets.UTF_8));
            producer.send(command);
        }

        try (KafkaConsumer<String, byte[]> replies = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()))) {
            TopicPartition partition = new TopicPartition(replyTopic, 0);
            replies.assign(List.of(partition));
            replies.seekToBeginning(List.of(partition));
            Instant deadline = Instant.now().plusSeconds(60);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : replies.poll(Duration.ofMillis(200))) {
                    if (requestId.equals(record.key())) {
                        return toJson(record.value());
                    }
                }
            }
        }
        throw new IllegalStateException("no reply to " + requestId + " within 60 s");
    }

    /** Replies are Avro single-object encoded; the schemas jar reads every released version. */
    private static String toJson(byte[] reply) {
        DecodeResult<Reply> decoded = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released()).decode(reply);
        return AvroToJson.toJson(((DecodeResult.Decoded<Reply>) decoded).message()).toString();
    }
}
