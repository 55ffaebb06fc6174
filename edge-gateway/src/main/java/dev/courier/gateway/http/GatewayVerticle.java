package dev.courier.gateway.http;

import dev.courier.gateway.config.HttpSettings;
import dev.courier.gateway.config.ResponseCompression;
import dev.courier.gateway.edge.EdgeGuard;
import dev.courier.gateway.path.RequestPath;
import dev.courier.gateway.reply.PendingReplies;
import dev.courier.gateway.reply.ReplyMetrics;
import dev.courier.gateway.reply.ReplyRouter;
import io.micrometer.core.instrument.MeterRegistry;
import dev.courier.gateway.describe.ApiDescriptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One event loop's HTTP server: the fixed endpoints, then every declarative route through this
 * loop's chain of request steps. Its pending replies live on this verticle's context only. One
 * instance runs per event loop, all on the same port.
 */
public final class GatewayVerticle extends VerticleBase {

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final HttpSettings settings;
    private final RequestPath path;
    private final Endpoints endpoints;
    private final ReplyRouter replies;
    private final ReplyMetrics metrics;
    private PendingReplies pending;
    private HttpServer server;

    /** The handlers of the fixed endpoints, built once and shared. */
    public record Endpoints(TokenEndpoint token, WellKnownHandlers wellKnown, HealthHandlers health,
                            RequestStatusHandler requestStatus, MeterRegistry meters, AccessRecords accessRecords,
                            ApiDescriptions descriptions) {
    }

    public GatewayVerticle(HttpSettings settings, RequestPath path, Endpoints endpoints, ReplyRouter replies, ReplyMetrics metrics) {
        this.settings = settings;
        this.path = path;
        this.endpoints = endpoints;
        this.replies = replies;
        this.metrics = metrics;
    }

    @Override
    public Future<?> start() {
        pending = new PendingReplies(context, replies, metrics);
        Router router = Router.router(vertx);
        router.route().handler(Exchange.begin(new HttpMetrics(endpoints.meters()), endpoints.accessRecords()));
        router.route().handler(path.spans().server());
        router.route().handler(new BodyReader(settings.maxBodyBytes()));
        router.get("/health/live").handler(Exchange.route("health-live", endpoints.health()::live));
        router.get("/health/ready").handler(Exchange.route("health-ready", endpoints.health()::ready));
        if (endpoints.token() != null) {
            router.post("/oauth2/token").handler(Exchange.route("token", endpoints.token()));
            router.get("/.well-known/jwks.json").handler(Exchange.route("jwks", endpoints.wellKnown()::jwks));
            router.get("/.well-known/openid-configuration").handler(Exchange.route("discovery", endpoints.wellKnown()::discovery));
        }
        router.get("/requests/:id").handler(Exchange.route("request-status", endpoints.requestStatus()));
        router.get("/openapi.json").handler(Exchange.route("openapi", endpoints.descriptions()::openApi));
        router.get("/asyncapi.json").handler(Exchange.route("asyncapi", endpoints.descriptions()::asyncApi));
        Route commands = router.route();
        path.steps(context, pending).forEach(commands::handler);
        router.route().failureHandler(new FailureHandler());
        HttpServerOptions options = new HttpServerOptions()
                .setHost(settings.host())
                .setPort(settings.port())
                .setMaxHeaderSize(settings.maxHeaderBytes())
                .setMaxInitialLineLength(8 * 1024)
                .setIdleTimeout(Math.toIntExact(settings.idleTimeout().toMillis()))
                .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
                .setTcpNoDelay(true)
                // HTTP/1.1 only: every connection passes the edge's framing guard.
                .setHttp2ClearTextEnabled(false);
        ResponseCompression compression = settings.compression();
        if (compression.enabled()) {
            options.setCompressionSupported(true)
                    .setCompressionContentSizeThreshold(compression.minBytes())
                    .setCompressors(ResponseCompressors.of(compression.level()));
        }
        return vertx.createHttpServer(options)
                .connectionHandler(new EdgeGuard(path.draining(), endpoints.meters()))
                .requestHandler(router)
                .listen(address())
                .onSuccess(listening -> server = listening);
    }

    @Override
    public Future<?> stop() {
        // In-flight exchanges finish and each connection closes after its current response; only
        // what is still open after the grace period is cut.
        return server == null ? Future.succeededFuture() : server.shutdown(SHUTDOWN_GRACE);
    }

    /** Port 0 is one random port shared by every loop's server, not one each. */
    private SocketAddress address() {
        return settings.port() == 0 ? SocketAddress.sharedRandomPort(1, settings.host())
                : SocketAddress.inetSocketAddress(settings.port(), settings.host());
    }

    public int port() {
        return server.actualPort();
    }
}
