package dev.courier.gateway.http;

import dev.courier.gateway.cache.KeptAnswer;
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
        write(exchange, route, render(route, reply));
    }

    public OutcomeRenderer.Rendered render(Route route, byte[] reply) {
        return renderer.render(reply, Optional.of(route));
    }

    /**
     * A kept answer of a cached route, with its tag: 304 without a body when the caller's
     * {@code If-None-Match} names it. Clients may store it but must ask again before using it.
     *
     * @return whether it was a 304
     */
    public boolean kept(Exchange exchange, Route route, KeptAnswer answer) {
        route.responseHeaders().forEach(exchange.response()::putHeader);
        if (!route.responseHeaders().containsKey("Cache-Control")) {
            exchange.response().putHeader("Cache-Control", "private, no-cache");
        }
        exchange.response().putHeader("ETag", answer.etag());
        answer.location().ifPresent(location -> exchange.response().putHeader("Location", location));
        if (KeptAnswer.matches(exchange.context().request().getHeader("If-None-Match"), answer.etag())) {
            exchange.empty(304);
            return true;
        }
        exchange.jsonBytes(200, answer.body());
        return false;
    }

    public void write(Exchange exchange, Route route, OutcomeRenderer.Rendered rendered) {
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
