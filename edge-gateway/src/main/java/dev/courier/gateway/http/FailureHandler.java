package dev.courier.gateway.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns what Vert.x Web fails with (an oversized body, a bug) into the one problem shape. */
public final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public void handle(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        int status = routing.failure() instanceof HttpException http ? http.getStatusCode() : routing.statusCode();
        if (status == 413) {
            exchange.problem(Problem.of(413, "payload-too-large", "The body is too large", "the body exceeds the gateway's limit"));
        } else if (status >= 400 && status < 500) {
            exchange.problem(Problem.of(status, "bad-request", "The request cannot be processed", null));
        } else {
            LOG.error("request failed requestId={}", exchange.requestId(), routing.failure());
            exchange.problem(Problem.of(500, "internal-error", "Internal error", "quote the request id when reporting this"));
        }
    }
}
