package dev.courier.bench;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator's HTTP side: one Vert.x event loop and a bounded pool of keep-alive
 * connections, so the generator costs little CPU and never opens a socket per request. Requests
 * beyond the pool wait in the client's queue, and that wait counts as latency (open loop).
 */
final class HttpLoadClient implements AutoCloseable {

    private static final Pattern POST_ID = Pattern.compile("\"postId\":\"([^\"]+)\"");

    /**
     * Idle connections are let go after {@value #KEEP_ALIVE_SECONDS} s: longer than any idle phase of
     * a benchmark (reconnecting 64 connections at a phase's start would be measured as the gateway's
     * latency), and shorter than the idle timeout the benchmark gives the gateway (a request sent on a
     * connection the server is closing fails with "Connection was closed").
     */
    static final int KEEP_ALIVE_SECONDS = 90;

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1));
    private final HttpClient client;

    HttpLoadClient(int port, int connections) {
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port)
                        .setKeepAlive(true).setKeepAliveTimeout(KEEP_ALIVE_SECONDS).setTcpNoDelay(true),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /** One whole response. */
    record Answer(int status, String serverTiming, String body, String requestId) {
    }

    /** Sends one request; completes once the whole response has arrived. */
    CompletionStage<Answer> send(HttpMethod method, String uri, String authorization, String contentType, Buffer body) {
        return send(method, uri, authorization, contentType, body, Map.of());
    }

    /** As above, with more headers (e.g. {@code Prefer}). */
    CompletionStage<Answer> send(HttpMethod method, String uri, String authorization, String contentType, Buffer body,
                                 Map<String, String> headers) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(uri)
                .putHeader("Authorization", authorization).putHeader("Content-Type", contentType);
        headers.forEach(options::putHeader);
        return client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(content ->
                        new Answer(response.statusCode(), response.getHeader("Server-Timing"), content.toString(),
                                response.getHeader("X-Request-Id"))))
                .toCompletionStage();
    }

    /** An access token from the gateway's token endpoint for this client. */
    String accessToken(String clientId, String secret) throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        String body = send(HttpMethod.POST, "/oauth2/token", basic, "application/x-www-form-urlencoded",
                Buffer.buffer("grant_type=client_credentials")).toCompletableFuture().get().body();
        return body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }

    @Override
    public void close() {
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** The post id in a created post's answer. */
    static String postId(String created) {
        Matcher id = POST_ID.matcher(created);
        if (!id.find()) {
            throw new IllegalStateException("no post id in " + created);
        }
        return id.group(1);
    }
}
