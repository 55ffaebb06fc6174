package dev.courier.infra.kafka;

import dev.courier.commons.kafka.TopicBootstrap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/** Topic set-up for tests that share a cluster: each creates its own topics under unique names. */
public final class TopicAdmin {

    private TopicAdmin() {
    }

    /** A topic name no other test uses: the prefix and a random suffix. */
    public static String uniqueName(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Creates the topic and returns once every partition has a leader that takes writes. The controller acknowledges creation before brokers have applied
     * it, and a test that describes, assigns or writes to the topic right away would otherwise race
     * that (see {@link TopicBootstrap#awaitWritable}).
     */
    public static void create(KafkaEndpoint kafka, String topic, int partitions, int replication) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) replication))).all().get();
            TopicBootstrap.awaitWritable(admin, Map.of(topic, partitions));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create topic " + topic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted creating topic " + topic, e);
        }
    }
}
