package dev.courier.gateway.path;

import dev.courier.gateway.http.BearerAuth;
import dev.courier.gateway.http.Problem;
import dev.courier.gateway.tracing.RequestSpans;
import io.opentelemetry.api.trace.Span;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Puts the caller in the call when its token is valid and has the route's scopes; 401 or 403 otherwise. */
final class AuthenticateStep implements RequestStep {

    private static final Logger LOG = LoggerFactory.getLogger(AuthenticateStep.class);

    private final BearerAuth auth;
    private final RequestSpans spans;

    AuthenticateStep(BearerAuth auth, RequestSpans spans) {
        this.auth = auth;
        this.spans = spans;
    }

    @Override
    public void handle(CommandCall call) {
        Span span = spans.step(call.exchange(), "authenticate");
        auth.require(call.exchange(), call.route().scopes())
                .onComplete(done -> span.end())
                .onSuccess(principal -> principal.ifPresent(caller -> {
                    call.authenticated(caller);
                    call.next();
                }))
                .onFailure(error -> {
                    LOG.error("authentication failed requestId={}", call.exchange().requestId(), error);
                    call.exchange().problem(Problem.of(500, "internal-error", "Internal error", "quote the request id when reporting this"));
                });
    }
}
