package dev.courier.gateway.path;

import dev.courier.gateway.http.Exchange;
import dev.courier.gateway.http.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The answer when Redis or Kafka did not take a request: 503, retry in a second; the client did nothing wrong. */
final class Unavailable {

    private static final Logger LOG = LoggerFactory.getLogger(Unavailable.class);

    private Unavailable() {
    }

    static void answer(Exchange exchange, String dependency, Throwable error) {
        LOG.warn("request failed dependency={} requestId={} error={}", dependency, exchange.requestId(), error.toString());
        exchange.response().putHeader("Retry-After", "1");
        exchange.problem(Problem.of(503, "unavailable", "A backing service is unavailable", dependency + " did not accept the request"));
    }
}
