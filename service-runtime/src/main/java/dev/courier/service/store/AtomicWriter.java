package dev.courier.service.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Applies decided writes with their outcomes, each atomically, all in one round trip. */
public interface AtomicWriter {

    /** One result per write, in the same order. Fails when the store is unreachable. */
    CompletionStage<List<WriteResult>> apply(List<PlannedWrite> writes);

    /**
     * Notes that Kafka acknowledged the events of these requests, so a redelivery answers without
     * sending them again. Best effort: if it fails, a redelivery sends them twice, never zero times.
     */
    CompletionStage<Void> markPublished(List<String> requestIds);

    /**
     * A write, the request it answers and the outcome to store with it.
     *
     * @param otherwise stored instead when the write's conditions do not hold; absent, the write is stale
     */
    record PlannedWrite(String requestId, AtomicWrite write, EncodedOutcome outcome, Optional<EncodedOutcome> otherwise) {

        public PlannedWrite(String requestId, AtomicWrite write, EncodedOutcome outcome) {
            this(requestId, write, outcome, Optional.empty());
        }
    }
}
