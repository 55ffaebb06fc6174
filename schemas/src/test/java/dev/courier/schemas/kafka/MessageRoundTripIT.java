package dev.courier.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.CreatePost;
import dev.courier.command.ListPostsByAuthor;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.schemas.topic.Topic;
import dev.courier.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(InfraExtension.class)
class MessageRoundTripIT {

    @Test
    void shouldRoundTripAvroCommandsThroughARealBroker(KafkaEndpoint kafka) throws Exception {
        // given
        Topic<String, SpecificRecord> topic = Topics.BLOG_COMMANDS.named(TopicAdmin.uniqueName("blog-commands"));
        TopicAdmin.create(kafka, topic.name(), 1, 1);
        List<SpecificRecord> sent = List.of(new CreatePost("p-1", "Hello", "World"), new ListPostsByAuthor("alice", null, 5));

        // when
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig(kafka),
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            for (SpecificRecord command : sent) {
                producer.send(new ProducerRecord<>(topic.name(), "key", command)).get();
            }
        }

        // then
        assertThat(consume(kafka, topic, sent.size())).containsExactlyElementsOf(sent);
    }

    @Test
    void shouldReadAJsonCommandFromAnOutsideProducerLikeAnAvroOne(KafkaEndpoint kafka) throws Exception {
        // given
        Topic<String, SpecificRecord> topic = Topics.BLOG_COMMANDS.named(TopicAdmin.uniqueName("blog-commands-json"));
        TopicAdmin.create(kafka, topic.name(), 1, 1);
        ProducerRecord<String, byte[]> json = new ProducerRecord<>(topic.name(), "p-2",
                "{\"postId\":\"p-2\",\"title\":\"From JSON\",\"content\":\"Body\"}".getBytes(StandardCharsets.UTF_8));
        CourierHeaders.put(json.headers(), CourierHeaders.CONTENT_TYPE, ContentTypes.JSON);
        CourierHeaders.put(json.headers(), CourierHeaders.MESSAGE_TYPE, CreatePost.getClassSchema().getFullName());

        // when
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(kafka), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(json).get();
        }

        // then
        assertThat(consume(kafka, topic, 1)).containsExactly(new CreatePost("p-2", "From JSON", "Body"));
    }

    private static Map<String, Object> producerConfig(KafkaEndpoint kafka) {
        return Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0);
    }

    private static <V> List<V> consume(KafkaEndpoint kafka, Topic<String, V> topic, int count) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            TopicPartition partition = new TopicPartition(topic.name(), 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<V> values = new ArrayList<>();
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (values.size() < count) {
                assertThat(System.nanoTime()).as("records still missing: %d of %d", count - values.size(), count).isLessThan(giveUpAt);
                for (ConsumerRecord<String, V> record : consumer.poll(Duration.ofSeconds(1))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
