package dev.courier.infra.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.infra.kafka.KafkaCluster.Mode;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaClusterIT {

    private static final int RECORDS = 500;

    @Test
    void shouldKeepEveryAcknowledgedRecordWhenBrokerIsKilledAndRestartedOnSameData() throws Exception {
        // given
        try (KafkaCluster kafka = KafkaCluster.builder().mode(Mode.CHILD_PROCESS).start()) {
            createTopic(kafka, "kill-restart", 3, 1);
            List<String> acknowledged = produce(kafka, "kill-restart", RECORDS);
            long pid = ((ChildProcessKafkaNode) kafka.node(1)).pid();

            // when
            kafka.killNode(1);
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("killed broker process").isEmpty();
            kafka.startNode(1);

            // then
            assertThat(consumeAll(kafka, "kill-restart", 3)).containsExactlyInAnyOrderElementsOf(acknowledged);
        }
    }

    @Test
    void shouldKeepAcceptingAcksAllWritesWhenOneOfThreeNodesIsKilled() throws Exception {
        // given
        try (KafkaCluster kafka = KafkaCluster.builder().nodes(3).mode(Mode.CHILD_PROCESS).start()) {
            createTopic(kafka, "failover", 1, 3);
            List<String> before = produce(kafka, "failover", 50);
            int leader = leaderOf(kafka, "failover");

            // when
            kafka.killNode(leader);
            List<String> after = produce(kafka, "failover", 50);

            // then
            assertThat(leaderOf(kafka, "failover")).isNotEqualTo(leader);
            List<String> all = new ArrayList<>(before);
            all.addAll(after);
            assertThat(consumeAll(kafka, "failover", 1)).containsExactlyInAnyOrderElementsOf(all);
        }
    }

    @Test
    void shouldLeaveNoProcessAndNoDirectoryBehindWhenClosed() throws Exception {
        // given
        KafkaCluster kafka = KafkaCluster.builder().mode(Mode.CHILD_PROCESS).start();
        long pid = ((ChildProcessKafkaNode) kafka.node(1)).pid();
        var directory = kafka.directory();

        // when
        kafka.close();

        // then
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(Files.exists(directory)).isFalse();
    }

    @Test
    void shouldRunInProcessAndServeClients() throws Exception {
        // given
        try (KafkaCluster kafka = KafkaCluster.builder().mode(Mode.IN_PROCESS).start()) {
            createTopic(kafka, "in-process", 1, 1);

            // when
            List<String> acknowledged = produce(kafka, "in-process", 10);

            // then
            assertThat(consumeAll(kafka, "in-process", 1)).containsExactlyElementsOf(acknowledged);
        }
    }

    private static void createTopic(KafkaEndpoint kafka, String topic, int partitions, int replication) {
        TopicAdmin.create(kafka, topic, partitions, replication);
    }

    private static int leaderOf(KafkaEndpoint kafka, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            return admin.describeTopics(Set.of(topic)).allTopicNames().get().get(topic).partitions().get(0).leader().id();
        }
    }

    private static List<String> produce(KafkaEndpoint kafka, String topic, int count) throws ExecutionException, InterruptedException {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 5);
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        List<String> values = new ArrayList<>();
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                String value = topic + "-" + System.nanoTime() + "-" + i;
                values.add(value);
                sends.add(producer.send(new ProducerRecord<>(topic, Integer.toString(i), value)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get();
            }
        }
        return values;
    }

    private static List<String> consumeAll(KafkaEndpoint kafka, String topic, int partitions) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> assigned = new ArrayList<>();
            for (int p = 0; p < partitions; p++) {
                assigned.add(new TopicPartition(topic, p));
            }
            consumer.assign(assigned);
            consumer.seekToBeginning(assigned);
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, Duration.ofSeconds(30));
            List<String> values = new ArrayList<>();
            long giveUpAt = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (assigned.stream().anyMatch(tp -> consumer.position(tp, Duration.ofSeconds(30)) < end.get(tp))) {
                assertThat(System.nanoTime()).as("records still missing after a minute").isLessThan(giveUpAt);
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
