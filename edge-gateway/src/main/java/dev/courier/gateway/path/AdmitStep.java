package dev.courier.gateway.path;

import dev.courier.gateway.admission.AdmissionRefusals;
import dev.courier.gateway.http.Problem;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one admission point: a request goes on only while the gateway has room for it (requests
 * admitted and not yet answered, synchronous or not, on all event loops together, stay under
 * {@code http.max-pending}) and every rule lets it. A refusal is answered at once, 503 with {@code Retry-After}. The place is
 * taken here and given back when the response ends or the connection closes, whatever the outcome.
 */
final class AdmitStep implements RequestStep {

    static final Refusal OVERLOADED = new Refusal(AdmissionRefusals.OVERLOADED, "Too many requests are in flight", "retry shortly", 1);

    private final AtomicInteger inFlight;
    private final int maxInFlight;
    private final List<AdmissionRule> rules;
    private final AdmissionRefusals refusals;

    /** @param inFlight the count every loop's admission shares */
    AdmitStep(AtomicInteger inFlight, int maxInFlight, List<AdmissionRule> rules, AdmissionRefusals refusals) {
        this.inFlight = inFlight;
        this.maxInFlight = maxInFlight;
        this.rules = List.copyOf(rules);
        this.refusals = refusals;
    }

    @Override
    public void handle(CommandCall call) {
        Optional<Refusal> refusal = firstRefusal(call);
        if (refusal.isEmpty() && inFlight.incrementAndGet() > maxInFlight) {
            inFlight.decrementAndGet();
            refusal = Optional.of(OVERLOADED);
        }
        if (refusal.isPresent()) {
            refuse(call, refusal.get(), refusals);
            return;
        }
        call.routing().addEndHandler(ended -> inFlight.decrementAndGet());
        call.next();
    }

    private Optional<Refusal> firstRefusal(CommandCall call) {
        for (AdmissionRule rule : rules) {
            Optional<Refusal> refusal = rule.check(call);
            if (refusal.isPresent()) {
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** Answers a refused request; later steps that find themselves overloaded refuse the same way. */
    static void refuse(CommandCall call, Refusal refusal, AdmissionRefusals refusals) {
        refusals.refused(call.route().name(), refusal.type());
        HttpServerResponse response = call.exchange().response();
        response.putHeader("Retry-After", Long.toString(refusal.retryAfterSeconds()));
        call.exchange().problem(Problem.of(503, refusal.type(), refusal.title(), refusal.detail()));
    }
}
