package dev.courier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The guard on a real Vert.x server: fails if a Vert.x upgrade moves the pipeline it reaches into. */
class EdgeGuardTest {

    private final Vertx vertx = Vertx.vertx();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicInteger handled = new AtomicInteger();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = vertx.createHttpServer(new HttpServerOptions().setHost("127.0.0.1").setPort(0).setHttp2ClearTextEnabled(false))
                .connectionHandler(new EdgeGuard(draining::get, registry))
                .requestHandler(request -> {
                    handled.incrementAndGet();
                    request.response().putHeader("Content-Type", "text/plain").end("served " + request.path());
                })
                .listen()
                .toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void shouldServeAWellFramedRequest() throws IOException {
        String response = exchange("GET /posts/1 HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 200 OK").endsWith("served /posts/1");
        assertThat(handled).hasValue(1);
    }

    @Test
    void shouldRefuseABadlyFramedRequestBeforeAnyHandlerSeesIt() throws IOException {
        String response = exchange("POST /posts HTTP/1.1\r\nHost: gateway\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}");

        assertThat(response).startsWith("HTTP/1.1 400 ").contains("application/problem+json").containsIgnoringCase("connection: close");
        assertThat(handled).hasValue(0);
        assertThat(registry.get("courier.edge.refusals").tag("status", "400").counter().count()).isEqualTo(1.0);
    }

    @Test
    void shouldNeverServeARequestSmuggledBehindARefusedOne() throws IOException {
        String response = exchange("POST /posts HTTP/1.1\r\nHost: gateway\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n\r\n"
                + "0\r\n\r\nGET /admin HTTP/1.1\r\nHost: gateway\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 ").doesNotContain("served");
        assertThat(response.split("HTTP/1.1 ", -1)).as("exactly one response").hasSize(2);
        assertThat(handled).hasValue(0);
    }

    @Test
    void shouldAnswer503ToNewRequestsButHealthProbesWhileDraining() throws IOException {
        draining.set(true);

        String refused = exchange("GET /posts/1 HTTP/1.1\r\nHost: gateway\r\n\r\n");
        String probe = exchange("GET /health/live HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n");

        assertThat(refused).startsWith("HTTP/1.1 503 ").containsIgnoringCase("retry-after: 1");
        assertThat(probe).startsWith("HTTP/1.1 200 OK").endsWith("served /health/live");
        assertThat(handled).hasValue(1);
    }

    /** Sends the bytes and reads until the server closes the connection. */
    private String exchange(String request) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.actualPort())) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
