package dev.courier.gateway.edge;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;
import java.util.function.BooleanSupplier;

/**
 * Installs a {@link FramingGuard} on every HTTP/1.x connection as Vert.x sets it up, before the
 * first byte is read: {@code HttpServer.connectionHandler(new EdgeGuard(draining))}. It reaches into the
 * connection's Netty pipeline, which Vert.x keeps internal; the gateway's edge tests fail if a
 * Vert.x upgrade moves it.
 */
public final class EdgeGuard implements Handler<HttpConnection> {

    /** The name of the guard in each connection's pipeline. */
    static final String NAME = "courier-framing-guard";

    private final BooleanSupplier draining;

    /** @param draining whether the gateway is shutting down: then every request gets 503 */
    public EdgeGuard(BooleanSupplier draining) {
        this.draining = draining;
    }

    @Override
    public void handle(HttpConnection connection) {
        if (!(connection instanceof ConnectionBase base)) {
            throw new IllegalStateException("cannot guard a connection of type " + connection.getClass().getName());
        }
        ChannelPipeline pipeline = base.channelHandlerContext().pipeline();
        if (pipeline.get("httpDecoder") == null) {
            // Not HTTP/1.x (the server does not offer HTTP/2), so nothing to guard.
            connection.close();
            return;
        }
        pipeline.addBefore("handler", NAME, new FramingGuard(draining));
    }
}
