package dev.courier.commons.management;

import static org.assertj.core.api.Assertions.assertThat;

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
    private ManagementServer server;

    @BeforeEach
    void start() {
        server = ManagementServer.start("127.0.0.1", 0, List.of(
                new HealthCheck("commandLoops", loopsUp::get),
                new HealthCheck("redis", () -> true)));
    }

    @AfterEach
    void stop() {
        server.close();
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
