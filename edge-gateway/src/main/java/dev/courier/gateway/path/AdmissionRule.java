package dev.courier.gateway.path;

import java.util.Optional;

/** One reason admission may turn a mapped request away; rules are checked in order, the first refusal wins. */
@FunctionalInterface
public interface AdmissionRule {

    Optional<Refusal> check(CommandCall call);
}
