package dev.courier.gateway.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One key=value line per answered request: ids, method, path, status and time. Never bodies or tokens. */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.courier.gateway.access");

    private AccessLog() {
    }

    static void log(Exchange exchange, int status) {
        if (status >= 500 ? LOG.isWarnEnabled() : LOG.isInfoEnabled()) {
            String line = "request method={} path={} status={} durationMs={} requestId={} correlationId={}";
            Object[] args = {exchange.context().request().method(), exchange.context().request().path(), status,
                    exchange.elapsedNanos() / 1_000_000, exchange.requestId(), exchange.correlationId()};
            if (status >= 500) {
                LOG.warn(line, args);
            } else {
                LOG.info(line, args);
            }
        }
    }
}
