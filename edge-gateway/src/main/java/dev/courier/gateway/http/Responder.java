package dev.courier.gateway.http;

import dev.courier.gateway.route.Route;
import java.time.Duration;
import java.util.Optional;

/** The answers of the command path that more than one handler gives. */
public final class Responder {

    private final OutcomeRenderer renderer;

    public Responder(OutcomeRenderer renderer) {
        this.renderer = renderer;
    }

    /** The service's reply, as the route maps it. */
    public void outcome(Exchange exchange, Route route, byte[] reply) {
        OutcomeRenderer.Rendered rendered = renderer.render(reply, Optional.of(route));
        route.responseHeaders().forEach(exchange.response()::putHeader);
        rendered.location().ifPresent(location -> exchange.response().putHeader("Location", location));
        if (rendered.problem().isPresent()) {
            exchange.problem(rendered.problem().get());
        } else if (rendered.body() == null) {
            exchange.empty(rendered.status());
        } else {
            exchange.json(rendered.status(), rendered.body());
        }
    }

    /** 202: the command is durably in Kafka; its outcome will be at the Location. */
    public void accepted(Exchange exchange) {
        exchange.response().putHeader("Location", statusPath(exchange.requestId()));
        exchange.json(202, RequestStatus.pending(exchange.requestId()));
    }

    /** 504: no reply before the deadline; the outcome will still be recorded at the Location. */
    public void timedOut(Exchange exchange, Duration deadline) {
        exchange.response().putHeader("Location", statusPath(exchange.requestId()));
        exchange.problem(Problem.of(504, "reply-timeout", "No reply before the deadline",
                "the command was sent; no reply came within " + deadline.toMillis() + " ms. Its outcome will be at "
                        + statusPath(exchange.requestId())));
    }

    /**
     * 504 without a {@code Location}: the command was sent, but Redis could not put the request on
     * record, so no outcome can be promised anywhere.
     */
    public void timedOutUnrecorded(Exchange exchange, Duration deadline) {
        exchange.problem(Problem.of(504, "reply-timeout", "No reply before the deadline",
                "the command was sent; no reply came within " + deadline.toMillis() + " ms, and its outcome could not be put on record"));
    }

    public static String statusPath(String requestId) {
        return "/requests/" + requestId;
    }
}
