package dev.courier.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpClosedException;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what Vert.x Web fails with into the one problem shape. A client's mistake (an oversized
 * body, a connection it dropped mid-body) is never a 500 and never logs a stack; only a failure
 * that is Courier's own bug does.
 */
public final class FailureHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(FailureHandler.class);

    @Override
    public void handle(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        Throwable failure = routing.failure();
        if (failure instanceof HttpClosedException || routing.response().closed()) {
            // The connection is gone (the client left, or the edge closed it over a broken body):
            // nobody is left to answer.
            LOG.debug("request abandoned requestId={} reason={}", exchange.requestId(), String.valueOf(failure));
            return;
        }
        int status = failure instanceof HttpException http ? http.getStatusCode() : routing.statusCode();
        if (status >= 400 && status < 500) {
            LOG.debug("request refused requestId={} status={} reason={}", exchange.requestId(), status, String.valueOf(failure));
            exchange.problem(Problem.of(status, "bad-request", "The request cannot be processed", null));
        } else {
            LOG.error("request failed requestId={}", exchange.requestId(), failure);
            exchange.problem(Problem.of(500, "internal-error", "Internal error", "quote the request id when reporting this"));
        }
    }
}
