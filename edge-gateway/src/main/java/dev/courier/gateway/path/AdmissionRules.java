package dev.courier.gateway.path;

import dev.courier.gateway.admission.AdmissionRefusals;
import dev.courier.gateway.admission.LagAdmission;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** The rules the gateway admits requests by; asynchronous requests wait for no reply, so only synchronous ones are checked. */
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

    /** No synchronous request the consumers of its partition could not answer before its deadline. */
    static AdmissionRule lag(LagAdmission lag) {
        return call -> call.async() ? Optional.empty()
                : lag.check(call.route(), call.key(), call.remainingWait())
                        .map(refused -> new Refusal(refused.type(), TOO_LATE, refused.detail(), refused.retryAfterSeconds()));
    }
}
