package dev.courier.service.store;

import java.util.List;
import java.util.concurrent.CompletionStage;

/** Applies decided writes with their outcomes, each atomically, all in one round trip. */
public interface AtomicWriter {

    /** One result per write, in the same order. Fails when the store is unreachable. */
    CompletionStage<List<WriteResult>> apply(List<PlannedWrite> writes);

    /** A write, the request it answers and the outcome to store with it. */
    record PlannedWrite(String requestId, AtomicWrite write, EncodedOutcome outcome) {
    }
}
