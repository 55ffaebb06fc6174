package dev.courier.infra.testcontainers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.infra.kafka.TopicAdmin;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Testcontainers;

/** Runs only where a Docker engine answers; skipped (not failed) elsewhere. */
@Testcontainers(disabledWithoutDocker = true)
class ContainersIT {

    @Test
    void shouldProvideKafkaAndRedisFromContainers() throws Exception {
        try (ContainerKafka kafka = ContainerKafka.start(); ContainerRedis redis = ContainerRedis.start()) {
            // when
            String topic = TopicAdmin.uniqueName("containers");
            TopicAdmin.create(kafka, topic, 1, 1);

            // then
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(topic);
            }
            assertThat(redis.uri()).startsWith("redis://");
        }
    }
}
