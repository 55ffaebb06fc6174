package dev.courier.gateway.path;

import dev.courier.gateway.admission.AdmissionRefusals;
import dev.courier.gateway.admission.LagAdmission;
import dev.courier.gateway.breaker.DependencyBreaker;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;

/**
 * The rules the gateway admits requests by. Asynchronous requests wait for no reply, so the reply
 * partition and lag are checked for synchronous ones only; the breakers of the dependencies a
 * request will call are checked for every one that calls them.
 */
final class AdmissionRules {

    private static final String TOO_LATE = "The request cannot be answered in time";

    private AdmissionRules() {
    }

    /** No synchronous request while this instance holds no reply partition: its reply could not reach it. */
    static AdmissionRule replyPartition(BooleanSupplier held) {
        Optional<Refusal> refusal = Optional.of(new Refusal(AdmissionRefusals.NO_REPLY_PARTITION, TOO_LATE,
                "The gateway cannot receive replies right now; retry, or send Prefer: respond-async", 1));
        return call -> call.async() || held.getAsBoolean() ? Optional.empty() : refusal;
    }

    /** No request while Kafka's breaker is open: every request produces its command. */
    static AdmissionRule kafka(DependencyBreaker breaker) {
        Refusal refusal = open(breaker, AdmissionRefusals.KAFKA_UNAVAILABLE, "Kafka is failing");
        return call -> permit(call, breaker, refusal, call::kafkaPermit);
    }

    /** No request that must be put on record in Redis first (asynchronous, or with an Idempotency-Key) while Redis's breaker is open. */
    static AdmissionRule redis(DependencyBreaker breaker) {
        Refusal refusal = open(breaker, AdmissionRefusals.REDIS_UNAVAILABLE, "Redis is failing");
        return call -> call.putOnRecordFirst() ? permit(call, breaker, refusal, call::redisPermit) : Optional.empty();
    }

    private static Refusal open(DependencyBreaker breaker, String type, String title) {
        return new Refusal(type, title, "the gateway stopped sending requests to " + breaker.dependency()
                + " for a while; retry after Retry-After", breaker.retryAfterSeconds());
    }

    private static Optional<Refusal> permit(CommandCall call, DependencyBreaker breaker, Refusal refusal,
                                            Consumer<DependencyBreaker.Permit> keep) {
        DependencyBreaker.Permit permit = breaker.permit();
        if (permit == null) {
            return Optional.of(refusal);
        }
        call.routing().addEndHandler(ended -> permit.release());
        keep.accept(permit);
        return Optional.empty();
    }

    /** No synchronous request the consumers of its partition could not answer before its deadline. */
    static AdmissionRule lag(LagAdmission lag) {
        return call -> call.async() ? Optional.empty()
                : lag.check(call.route(), call.key(), call.remainingWait())
                        .map(refused -> new Refusal(refused.type(), TOO_LATE, refused.detail(), refused.retryAfterSeconds()));
    }
}
