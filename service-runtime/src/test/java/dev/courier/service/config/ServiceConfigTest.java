package dev.courier.service.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.commons.config.ConfigException;
import dev.courier.service.internal.kafka.KafkaClients;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServiceConfigTest {

    private static final ServiceDefaults DEFAULTS = new ServiceDefaults("blog-service", "blog.commands", "blog.events", "blog.dlq", 8081);

    @Test
    void shouldUseDefaultsWhenNothingIsConfigured() {
        ServiceConfig config = ServiceConfig.load(null, Map.of(), DEFAULTS);

        assertThat(config.commandTopic()).isEqualTo("blog.commands");
        assertThat(config.groupId()).isEqualTo("courier.blog-service");
        assertThat(config.replyTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.bootstrapServers()).isEqualTo("127.0.0.1:9092");
    }

    @Test
    void shouldLetEnvironmentOverrideTheFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("service.properties"), "replies.ttl=2h\nconsumer.concurrency=2\n");

        ServiceConfig config = ServiceConfig.load(file, Map.of("COURIER_CONSUMER_CONCURRENCY", "4", "COURIER_TOPICS_DEAD_LETTERS", "x.dlq",
                "COURIER_KAFKA_PRODUCER_LINGER_MS", "2", "COURIER_INFRA", "embedded"), DEFAULTS);

        assertThat(config.replyTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.concurrency()).isEqualTo(4);
        assertThat(config.deadLetterTopic()).isEqualTo("x.dlq");
        assertThat(config.producerProperties()).containsEntry("linger.ms", "2");
    }

    @Test
    void shouldNameTheKeyOfABadValue() {
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("COURIER_REPLIES_TTL", "forever"), DEFAULTS))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("replies.ttl: ");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("COURIER_TOPICS_PARTITIONS", "0"), DEFAULTS))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("topics.partitions: must be between 1 and 10000");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("COURIER_REDIS_ADDRESS", "localhost"), DEFAULTS))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("redis.address: ");
        assertThatThrownBy(() -> ServiceConfig.load(null, Map.of("COURIER_TOPICS_DEAD_LETTERS", "blog.commands"), DEFAULTS))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("topics.dead-letters: ");
    }

    @Test
    void shouldRejectUnknownKeyInFile(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("service.properties"), "replies.tll=2h\n");

        assertThatThrownBy(() -> ServiceConfig.load(file, Map.of(), DEFAULTS))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("replies.tll: unknown key");
    }

    @Test
    void shouldRefuseProducerSettingsThatWeakenDelivery() {
        ServiceConfig config = ServiceConfig.load(null, Map.of("COURIER_KAFKA_PRODUCER_ACKS", "1"), DEFAULTS);

        assertThatThrownBy(() -> KafkaClients.producer(config, "p"))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("kafka.producer.acks: must be all");
    }

    @Test
    void shouldMakeProducersIdempotentWithAcksAllAndLingerSetOnPurpose() {
        Map<String, Object> producer = KafkaClients.producer(ServiceConfig.load(null, Map.of(), DEFAULTS), "p");

        assertThat(producer).containsEntry("enable.idempotence", "true").containsEntry("acks", "all").containsEntry("linger.ms", "5");
    }
}
