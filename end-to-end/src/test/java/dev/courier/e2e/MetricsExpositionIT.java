package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.infra.dev.CourierServices;
import dev.courier.infra.dev.DemoClient;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.schemas.topic.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every process of the stack, run as {@code ./courier} runs it, exposes {@code /metrics} that
 * Prometheus's own parser reads, with the meters an operator needs under conventional names; the
 * lint findings promtool reports may only concern names Courier does not choose (Kafka's clients').
 * Every metric the alert rules and the Grafana dashboard under {@code deploy/} use is among them.
 */
@ExtendWith(InfraExtension.class)
class MetricsExpositionIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void shouldExposeMetricsPrometheusCanParseFromEveryProcess(KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path data) throws Exception {
        CourierServices.Ports ports = CourierServices.Ports.free();
        DemoClient demo = DemoClient.create();
        try (CourierServices services = CourierServices.start(ROOT, data, kafka.bootstrapServers(), redis.uri(), ports, demo)) {
            Http http = new Http(services.port());
            String token = http.token(demo.id(), demo.secret());
            assertThat(http.request("POST", "/posts").bearer(token).json("{\"title\":\"measured\",\"content\":\"x\"}").send().status()).isEqualTo(201);
            assertThat(http.request("POST", "/posts").bearer(token).header("Content-Type", "text/plain").body("x").send().status()).isEqualTo(415);

            try (RawHttp raw = new RawHttp(services.port())) {
                assertThat(raw.send("GET /posts HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n").read().status())
                        .isEqualTo(501);
            }
            deadLetter(kafka.bootstrapServers());

            Map<String, Integer> processes = Map.of("edge-gateway", ports.gatewayManagement(), "blog-service", ports.blogManagement(),
                    "user-service", ports.userManagement(), "lag-monitor", ports.lagMonitor(), "streams-processors", ports.streamsManagement());
            for (Map.Entry<String, Integer> process : processes.entrySet()) {
                String exposition = get(process.getValue());
                Promtool.Result checked = Promtool.run(exposition, "check", "metrics");

                assertThat(checked.exitCode()).as("%s: promtool parsed it (lint findings allowed):%n%s", process.getKey(), checked.output())
                        .isIn(0, Promtool.LINT_FINDINGS);
                List<String> ours = Arrays.stream(checked.output().split("\n"))
                        .filter(line -> line.startsWith("courier_") || line.startsWith("http_server_") || line.startsWith("kafka_consumergroup_")).toList();
                assertThat(ours).as("%s: lint findings on Courier's own names", process.getKey()).isEmpty();
                assertThat(exposition).as(process.getKey()).contains("application=\"" + process.getKey() + "\"")
                        .contains("jvm_gc_pause_seconds").contains("jvm_memory_used_bytes").contains("process_cpu_usage")
                        .contains("kafka_consumer_").contains("courier_health_check_up{");
            }
            Set<String> used = DeployFiles.metricNames(Stream.concat(DeployFiles.alertExpressions().stream(),
                    DeployFiles.dashboardExpressions().stream()).toList());
            Set<String> missing = new TreeSet<>(used);
            Await.until("every metric the alerts and the dashboard use to be exposed", Duration.ofSeconds(60), () -> {
                processes.values().forEach(port -> missing.removeIf(get(port)::contains));
                return missing.isEmpty();
            }, () -> "not exposed by any process: " + missing);
            assertThat(used).contains("kafka_consumergroup_group_max_lag_seconds", "courier_route_deadline_seconds",
                    "courier_admission_refusals_total", "courier_dead_letters_total", "courier_edge_refusals_total");
            String gateway = get(ports.gatewayManagement());
            assertThat(gateway).contains("http_server_requests_seconds_count{application=\"edge-gateway\",method=\"POST\",route=\"create-post\",status=\"201\"} 1")
                    .contains("http_server_requests_seconds_count{application=\"edge-gateway\",method=\"POST\",route=\"create-post\",status=\"415\"} 1")
                    .contains("courier_requests_pending{application=\"edge-gateway\"}")
                    // At least this test's reply: the broker is shared by the run, and replies to earlier tests' requests may reach this
                    // gateway's partition too (counted received and unmatched).
                    .containsPattern("courier_replies_total\\{application=\"edge-gateway\",kind=\"received\"} [1-9]");
            String blog = get(ports.blogManagement());
            assertThat(blog).contains("courier_commands_total{application=\"blog-service\",outcome=\"OK\",type=\"CreatePost\"} 1")
                    .contains("courier_batch_duration_seconds_count").contains("courier_redis_paused_loops{application=\"blog-service\"} 0");
        }
    }

    private String get(int port) {
        try {
            HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A record no service can read, written straight to the blog's command topic: the service dead-letters it. */
    private static void deadLetter(String bootstrap) throws Exception {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.BLOG_COMMANDS.name(), "k".getBytes(StandardCharsets.UTF_8),
                    "not a command".getBytes(StandardCharsets.UTF_8))).get(30, TimeUnit.SECONDS);
        }
    }
}
