package dev.courier.gateway.http;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One key=value line per answered request: ids (the trace's too), method, path, status and time. Never bodies or tokens. */
final class AccessLog {

    private static final Logger LOG = LoggerFactory.getLogger("dev.courier.gateway.access");

    private AccessLog() {
    }

    static void log(Exchange exchange, int status) {
        if (status >= 500 ? LOG.isWarnEnabled() : LOG.isInfoEnabled()) {
            String line = "request method={} path={} status={} durationMs={} requestId={} correlationId={} traceId={}";
            String traceId = exchange.span().getSpanContext().isValid() ? exchange.span().getSpanContext().getTraceId() : "-";
            Object[] args = {exchange.context().request().method(), exchange.context().request().path(), status,
                    exchange.elapsedNanos() / 1_000_000, exchange.requestId(), exchange.correlationId(), traceId};
            if (status >= 500) {
                LOG.warn(line, args);
            } else {
                LOG.info(line, args);
            }
        }
    }
}
