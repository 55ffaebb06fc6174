package dev.courier.gateway.edge;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

/**
 * Installs a {@link FramingGuard} on every HTTP/1.x connection as Vert.x sets it up, before the
 * first byte is read: {@code HttpServer.connectionHandler(new EdgeGuard())}. It reaches into the
 * connection's Netty pipeline, which Vert.x keeps internal; the gateway's edge tests fail if a
 * Vert.x upgrade moves it.
 */
public final class EdgeGuard implements Handler<HttpConnection> {

    /** The name of the guard in each connection's pipeline. */
    static final String NAME = "courier-framing-guard";

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
        pipeline.addBefore("handler", NAME, new FramingGuard());
    }
}
