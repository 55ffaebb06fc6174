package dev.courier.gateway.edge;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs a {@link FramingGuard} on every HTTP/1.x connection as Vert.x sets it up, before the
 * first byte is read: {@code HttpServer.connectionHandler(new EdgeGuard(draining))}. It reaches into the
 * connection's Netty pipeline, which Vert.x keeps internal; the gateway's edge tests fail if a
 * Vert.x upgrade moves it.
 */
public final class EdgeGuard implements Handler<HttpConnection> {

    /** The name of the guard in each connection's pipeline. */
    static final String NAME = "courier-framing-guard";
    private static final Logger LOG = LoggerFactory.getLogger(EdgeGuard.class);

    private final BooleanSupplier draining;
    private final EdgeRefusals refusals;

    /**
     * @param draining whether the gateway is shutting down: then every request gets 503
     * @param registry where refusals are counted
     */
    public EdgeGuard(BooleanSupplier draining, MeterRegistry registry) {
        this.draining = draining;
        this.refusals = new EdgeRefusals(registry);
    }

    /** Fails closed: a connection that cannot be guarded is closed, never served unguarded. */
    @Override
    public void handle(HttpConnection connection) {
        try {
            ChannelPipeline pipeline = ((ConnectionBase) connection).channelHandlerContext().pipeline();
            if (pipeline.get("httpDecoder") == null) {
                throw new IllegalStateException("no HTTP/1.x decoder in the pipeline (the server offers HTTP/1.1 only)");
            }
            pipeline.addBefore("handler", NAME, new FramingGuard(draining, refusals));
        } catch (RuntimeException e) {
            LOG.error("cannot guard a connection, closing it; is Vert.x a version the edge knows? connection={}",
                    connection.getClass().getName(), e);
            connection.close();
        }
    }
}
