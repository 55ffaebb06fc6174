package dev.courier.lag;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.courier.commons.config.ConfigSources;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.infra.process.Await;
import dev.courier.lag.config.LagMonitorConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The lag monitor on a real broker: its numbers equal those of Kafka's own {@code kafka-consumer-groups
 * --describe}, and the cases other tools get wrong are told apart.
 */
@ExtendWith(InfraExtension.class)
class LagMonitorIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String prefix = "lag-it-" + UUID.randomUUID().toString().substring(0, 8);
    private KafkaEndpoint kafka;
    private LagMonitor monitor;

    @BeforeEach
    void start(KafkaEndpoint kafka) {
        this.kafka = kafka;
        Map<String, String> env = new HashMap<>();
        env.put(ConfigSources.envName(LagMonitorConfig.BOOTSTRAP_SERVERS), kafka.bootstrapServers());
        env.put(ConfigSources.envName(LagMonitorConfig.HTTP_PORT), "0");
        env.put(ConfigSources.envName(LagMonitorConfig.INTERVAL), "300ms");
        env.put(ConfigSources.envName(LagMonitorConfig.GROUPS_INCLUDE), prefix + ".*");
        env.put(ConfigSources.envName(LagMonitorConfig.DEAD_LETTER_TOPICS), prefix + ".*\\.dlq");
        monitor = LagMonitor.start(LagMonitorConfig.load(null, env));
    }

    @AfterEach
    void stop() {
        monitor.close();
    }

    @Test
    void shouldReportWhatKafkasOwnToolReportsForAGroupWithoutMembers() throws Exception {
        // given: 10 records on each of 3 partitions; the group committed 4 on p0 and 10 on p1, nothing on p2
        String topic = prefix + ".orders";
        String group = prefix + ".billing";
        TopicAdmin.create(kafka, topic, 3, 1);
        produce(topic, 3, 10);
        commit(group, Map.of(new TopicPartition(topic, 0), 4L, new TopicPartition(topic, 1), 10L));

        // when
        JsonNode watched = awaitGroup(group, detail -> detail.get("partitions").size() == 2);
        List<ConsumerGroupsTool.Row> tool = ConsumerGroupsTool.describe(kafka.bootstrapServers(), group);

        // then: the same partitions, offsets and lag, row for row
        assertThat(tool).hasSize(2);
        for (ConsumerGroupsTool.Row row : tool) {
            JsonNode partition = partition(watched, row.topic(), row.partition());
            assertThat(partition.get("committed").asLong()).isEqualTo(row.currentOffset());
            assertThat(partition.get("logEnd").asLong()).isEqualTo(row.logEndOffset());
            assertThat(partition.get("lag").asLong()).isEqualTo(row.lag());
        }
        assertThat(watched.get("state").asText()).isEqualTo("EMPTY");
        assertThat(watched.get("totalLag").asLong()).isEqualTo(6);
        JsonNode behind = partition(watched, topic, 0);
        assertThat(behind.get("status").asText()).isEqualTo("STOPPED");
        assertThat(behind.get("notes").toString()).contains("the group has no members");
        assertThat(behind.get("lagSecondsFrom").asText()).isEqualTo("record");
        assertThat(behind.get("lagSeconds").asDouble()).isGreaterThanOrEqualTo(0);
        assertThat(partition(watched, topic, 1).get("status").asText()).isEqualTo("OK");
        assertThat(watched.get("status").asText()).isEqualTo("STOPPED");
    }

    @Test
    void shouldTellRecordsDeletedBeforeProcessingAndTransactionMarkersApart() throws Exception {
        // given: a group behind records that retention then deleted, and a group whose lag is a commit marker
        String deleted = prefix + ".deleted";
        String transactional = prefix + ".transactional";
        TopicAdmin.create(kafka, deleted, 1, 1);
        TopicAdmin.create(kafka, transactional, 1, 1);
        produce(deleted, 1, 10);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            admin.deleteRecords(Map.of(new TopicPartition(deleted, 0), RecordsToDelete.beforeOffset(6))).all().get(30, TimeUnit.SECONDS);
        }
        commit(prefix + ".late", Map.of(new TopicPartition(deleted, 0), 2L));
        long processed = produceInTransaction(transactional, 5);
        commit(prefix + ".caught-up", Map.of(new TopicPartition(transactional, 0), processed));

        // when
        JsonNode late = awaitGroup(prefix + ".late", detail -> detail.get("partitions").size() == 1);
        JsonNode caughtUp = awaitGroup(prefix + ".caught-up", detail -> detail.get("partitions").get(0).get("lagSecondsFrom").asText().equals("caught-up"));

        // then
        JsonNode belowStart = partition(late, deleted, 0);
        assertThat(belowStart.get("lag").asLong()).as("as kafka-consumer-groups counts it").isEqualTo(8);
        assertThat(belowStart.get("logStart").asLong()).isEqualTo(6);
        assertThat(belowStart.get("notes").toString()).contains("below the log start 6");
        JsonNode marker = partition(caughtUp, transactional, 0);
        assertThat(marker.get("lag").asLong()).as("the commit marker").isEqualTo(1);
        assertThat(marker.get("lagSeconds").asDouble()).isZero();
        assertThat(marker.get("status").asText()).isEqualTo("OK");
        assertThat(marker.get("notes").toString()).contains("transaction markers");
        assertThat(ConsumerGroupsTool.describe(kafka.bootstrapServers(), prefix + ".caught-up").get(0).lag()).isEqualTo(1);
    }

    @Test
    void shouldExportLagUnderKafkaLagExportersNames() throws Exception {
        String topic = prefix + ".events";
        String group = prefix + ".projector";
        TopicAdmin.create(kafka, topic, 1, 1);
        produce(topic, 1, 7);
        commit(group, Map.of(new TopicPartition(topic, 0), 3L));
        awaitGroup(group, detail -> detail.get("partitions").size() == 1);

        String metrics = get("/metrics");

        assertThat(metrics)
                .contains("kafka_consumergroup_group_lag{client_id=\"\",cluster_name=\"courier\",consumer_id=\"\",group=\"" + group
                        + "\",member_host=\"\",partition=\"0\",topic=\"" + topic + "\"} 4.0")
                .contains("kafka_consumergroup_group_max_lag{cluster_name=\"courier\",group=\"" + group + "\",is_simple_consumer=\"false\"} 4.0")
                .contains("kafka_consumergroup_group_sum_lag{cluster_name=\"courier\",group=\"" + group + "\"} 4.0")
                .contains("kafka_partition_latest_offset{cluster_name=\"courier\",partition=\"0\",topic=\"" + topic + "\"} 7.0")
                .contains("courier_lag_group_status{cluster_name=\"courier\",group=\"" + group + "\",status=\"STOPPED\"} 1.0")
                .contains("kafka_consumergroup_group_lag_seconds{");
    }

    private JsonNode awaitGroup(String group, Predicate<JsonNode> ready) {
        JsonNode[] found = new JsonNode[1];
        Await.until("the monitor to see " + group, Duration.ofSeconds(60), () -> {
            HttpResponse<String> response = send("/api/groups/" + group);
            if (response.statusCode() != 200) {
                return false;
            }
            found[0] = read(response.body());
            return ready.test(found[0]);
        }, () -> String.valueOf(found[0]));
        return found[0];
    }

    private static JsonNode partition(JsonNode group, String topic, int partition) {
        for (JsonNode each : group.get("partitions")) {
            if (each.get("topic").asText().equals(topic) && each.get("partition").asInt() == partition) {
                return each;
            }
        }
        throw new AssertionError("no partition " + topic + "-" + partition + " in " + group);
    }

    private void produce(String topic, int partitions, int perPartition) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerProps(), new ByteArraySerializer(), new ByteArraySerializer())) {
            for (int partition = 0; partition < partitions; partition++) {
                for (int i = 0; i < perPartition; i++) {
                    producer.send(new ProducerRecord<>(topic, partition, null, ("record " + i).getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
                }
            }
        }
    }

    /** Writes {@code count} records in one committed transaction; returns the offset after the last record (before the marker). */
    private long produceInTransaction(String topic, int count) throws Exception {
        Properties props = producerProps();
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, prefix + "-tx");
        long last = -1;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            for (int i = 0; i < count; i++) {
                last = producer.send(new ProducerRecord<>(topic, 0, null, ("tx " + i).getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS).offset();
            }
            producer.commitTransaction();
        }
        return last + 1;
    }

    private Properties producerProps() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        return props;
    }

    private void commit(String group, Map<TopicPartition, Long> offsets) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
            offsets.forEach((partition, offset) -> commits.put(partition, new OffsetAndMetadata(offset)));
            consumer.commitSync(commits);
        }
    }

    private String get(String path) {
        HttpResponse<String> response = send(path);
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private HttpResponse<String> send(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + monitor.port() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
