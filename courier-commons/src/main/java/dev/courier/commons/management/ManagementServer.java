package dev.courier.commons.management;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.courier.commons.metrics.ProcessMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management listener of every process: {@code GET /metrics} in the Prometheus text format
 * (OpenMetrics when the scraper's {@code Accept} asks for it); {@code GET /health/live} answers while
 * the process runs; {@code GET /health/ready} is 200 when every check is up and 503 otherwise,
 * naming each check, in the same shape as the gateway's.
 * Two threads, and a request must arrive whole within 10 s (unless {@code sun.net.httpserver.maxReqTime}
 * says otherwise), so one slow connection cannot keep probes from being answered. A check that
 * throws counts as down.
 */
public final class ManagementServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);

    static {
        // Read by the JDK's server when its first instance starts; the default is no limit at all.
        System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime", "10");
    }

    private final HttpServer server;
    private final ExecutorService executor;

    private ManagementServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Listens on {@code host:port} ({@code 0}: any free port). */
    public static ManagementServer start(String host, int port, List<HealthCheck> checks, ProcessMetrics metrics) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + host + ":" + port + " for management", e);
        }
        List<HealthCheck> all = List.copyOf(checks);
        metrics.health(all);
        server.createContext("/", exchange -> answer(exchange, all, metrics));
        ExecutorService executor = Executors.newFixedThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "courier-management");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.start();
        LOG.info("management listener started address={}:{}", host, server.getAddress().getPort());
        return new ManagementServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private static void answer(HttpExchange exchange, List<HealthCheck> checks, ProcessMetrics metrics) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            Optional<ProcessMetrics.Exposition> exposition = path.equals("/metrics") && method.equals("GET")
                    ? metrics.scrape(exchange.getRequestHeaders().getFirst("Accept")) : Optional.empty();
            if (exposition.isPresent()) {
                exchange.getResponseHeaders().set("Content-Type", exposition.get().contentType());
                exchange.sendResponseHeaders(200, exposition.get().body().length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(exposition.get().body());
                }
            } else if (!path.equals("/health/live") && !path.equals("/health/ready")) {
                send(exchange, 404, "{\"status\":404,\"title\":\"Not found\"}");
            } else if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "{\"status\":405,\"title\":\"Method not allowed\"}");
            } else if (path.equals("/health/live")) {
                send(exchange, 200, "{\"status\":\"UP\"}");
            } else {
                ready(exchange, checks);
            }
        }
    }

    private static void ready(HttpExchange exchange, List<HealthCheck> checks) throws IOException {
        StringBuilder body = new StringBuilder();
        boolean ready = true;
        for (HealthCheck check : checks) {
            boolean up = isUp(check);
            ready &= up;
            body.append(body.length() == 0 ? "" : ",").append('"').append(check.name()).append("\":\"").append(up ? "UP" : "DOWN").append('"');
        }
        send(exchange, ready ? 200 : 503, "{\"status\":\"" + (ready ? "UP" : "DOWN") + "\",\"checks\":{" + body + "}}");
    }

    private static boolean isUp(HealthCheck check) {
        try {
            return check.up().getAsBoolean();
        } catch (RuntimeException e) {
            LOG.warn("health check failed check={} error={}", check.name(), e.toString());
            return false;
        }
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
