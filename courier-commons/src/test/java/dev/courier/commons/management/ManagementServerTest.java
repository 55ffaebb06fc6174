package dev.courier.commons.management;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.commons.metrics.ProcessMetrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManagementServerTest {

    private final AtomicBoolean loopsUp = new AtomicBoolean(true);
    private final HttpClient client = HttpClient.newHttpClient();
    private final ProcessMetrics metrics = ProcessMetrics.create("test-process", true);
    private ManagementServer server;

    @BeforeEach
    void start() {
        server = ManagementServer.start("127.0.0.1", 0, List.of(
                new HealthCheck("commandLoops", loopsUp::get),
                new HealthCheck("redis", () -> true)), metrics);
    }

    @AfterEach
    void stop() {
        server.close();
        metrics.close();
    }

    @Test
    void shouldServeMetricsInThePrometheusTextFormatTaggedWithTheProcess() throws Exception {
        metrics.registry().counter("courier.test.events").increment();

        HttpResponse<String> scraped = get("/metrics", "GET");

        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        assertThat(scraped.body()).contains("courier_test_events_total{application=\"test-process\"} 1.0")
                .contains("jvm_memory_used_bytes").contains("process_cpu_usage");
    }

    @Test
    void shouldServeOpenMetricsWhenTheScraperAsksForIt() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/metrics"))
                .header("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8").build();

        HttpResponse<String> scraped = client.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(scraped.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/openmetrics-text"));
        assertThat(scraped.body()).endsWith("# EOF\n");
    }

    @Test
    void shouldHaveNoMetricsWhenTheyAreSwitchedOff() throws Exception {
        try (ProcessMetrics off = ProcessMetrics.create("test-process", false);
             ManagementServer plain = ManagementServer.start("127.0.0.1", 0, List.of(), off)) {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + plain.port() + "/metrics")).build();

            assertThat(client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shouldBeReadyWhileEveryCheckIsUp() throws Exception {
        HttpResponse<String> ready = get("/health/ready", "GET");

        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(ready.body()).isEqualTo("{\"status\":\"UP\",\"checks\":{\"commandLoops\":\"UP\",\"redis\":\"UP\"}}");
    }

    @Test
    void shouldAnswer503NamingTheCheckThatIsDown() throws Exception {
        loopsUp.set(false);

        HttpResponse<String> ready = get("/health/ready", "GET");

        assertThat(ready.statusCode()).isEqualTo(503);
        assertThat(ready.body()).isEqualTo("{\"status\":\"DOWN\",\"checks\":{\"commandLoops\":\"DOWN\",\"redis\":\"UP\"}}");
    }

    @Test
    void shouldStayLiveWhileNotReady() throws Exception {
        loopsUp.set(false);

        assertThat(get("/health/live", "GET").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseOtherMethodsAndPaths() throws Exception {
        HttpResponse<String> post = get("/health/ready", "POST");

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(get("/health", "GET").statusCode()).isEqualTo(404);
        assertThat(get("/health/ready/x", "GET").statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> get(String path, String method) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
