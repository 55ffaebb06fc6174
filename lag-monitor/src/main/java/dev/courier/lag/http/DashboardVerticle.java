package dev.courier.lag.http;

import dev.courier.auth.Authenticator;
import dev.courier.commons.management.HealthCheck;
import dev.courier.commons.metrics.ProcessMetrics;
import dev.courier.lag.collect.LagHistory;
import dev.courier.lag.collect.LagWatcher;
import dev.courier.lag.config.LagMonitorConfig;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The monitor's HTTP side, on one event loop: the dashboard ({@code /}), its assets, the JSON API,
 * live updates, {@code /metrics} and the health endpoints. Everything reads the watcher's latest
 * snapshot. With an authenticator, everything but the health endpoints needs a bearer token with
 * the operators' scope.
 */
public final class DashboardVerticle extends VerticleBase {

    /** Where the dashboard's own files are, on the classpath. */
    static final String DASHBOARD = "dev/courier/lag/dashboard";
    /** The charting library, from its WebJar. */
    static final String UPLOT = "META-INF/resources/webjars/uplot/1.6.30/dist";

    private final String host;
    private final int port;
    private final String cluster;
    private final LagWatcher watcher;
    private final LagHistory history;
    private final ProcessMetrics metrics;
    private final List<HealthCheck> checks;
    private final Optional<Authenticator> tokens;
    private HttpServer server;

    /** @param tokens checks the bearer token of every request but the health checks; empty lets everyone in */
    public DashboardVerticle(String host, int port, String cluster, LagWatcher watcher, LagHistory history, ProcessMetrics metrics,
                             List<HealthCheck> checks, Optional<Authenticator> tokens) {
        this.host = host;
        this.port = port;
        this.cluster = cluster;
        this.watcher = watcher;
        this.history = history;
        this.metrics = metrics;
        this.checks = List.copyOf(checks);
        this.tokens = tokens;
    }

    @Override
    public Future<?> start() {
        ApiHandlers api = new ApiHandlers(watcher::latest, history, cluster);
        LiveUpdates live = new LiveUpdates(context, api);
        watcher.onSnapshot(live::publish);
        Router router = Router.router(vertx);
        router.get("/health/live").handler(routing -> ApiHandlers.json(routing, 200, Map.of("status", "UP")));
        router.get("/health/ready").handler(this::ready);
        tokens.ifPresent(authenticator -> router.route().handler(new OpsAccess(authenticator, LagMonitorConfig.OPS_SCOPE)));
        router.get("/api/groups").handler(api::groups);
        router.get("/api/groups/:group").handler(api::group);
        router.get("/api/groups/:group/history").handler(api::history);
        router.get("/api/dead-letters").handler(api::deadLetters);
        router.get("/api/events").handler(routing -> live.subscribe(routing, watcher.latest()));
        router.get("/metrics").handler(this::metrics);
        router.get("/assets/uplot/*").handler(StaticHandler.create(UPLOT).setCachingEnabled(true).setMaxAgeSeconds(86_400));
        router.get("/*").handler(StaticHandler.create(DASHBOARD).setIndexPage("index.html").setCachingEnabled(false));
        HttpServerOptions options = new HttpServerOptions().setHost(host).setPort(port).setHttp2ClearTextEnabled(false);
        return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(listening -> server = listening);
    }

    @Override
    public Future<?> stop() {
        return server == null ? Future.succeededFuture() : server.close();
    }

    public int port() {
        return server.actualPort();
    }

    private void metrics(RoutingContext routing) {
        Optional<ProcessMetrics.Exposition> exposition = metrics.scrape(routing.request().getHeader("Accept"));
        if (exposition.isEmpty()) {
            ApiHandlers.json(routing, 404, Map.of("status", 404, "title", "Metrics are off"));
            return;
        }
        routing.response().putHeader("Content-Type", exposition.get().contentType()).end(Buffer.buffer(exposition.get().body()));
    }

    private void ready(RoutingContext routing) {
        Map<String, String> results = new LinkedHashMap<>();
        boolean ready = true;
        for (HealthCheck check : checks) {
            boolean up = check.up().getAsBoolean();
            ready &= up;
            results.put(check.name(), up ? "UP" : "DOWN");
        }
        ApiHandlers.json(routing, ready ? 200 : 503, Map.of("status", ready ? "UP" : "DOWN", "checks", results), "application/json");
    }
}
