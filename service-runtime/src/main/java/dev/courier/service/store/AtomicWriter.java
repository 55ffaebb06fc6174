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
     * sending them again. The notes wait to ride in the round trip of the next {@link #apply}, of
     * whichever caller, or until {@link #sendMarks}. Best effort: a note lost (the service stopped
     * first) makes a redelivery send the events twice, never zero times.
     */
    void markPublished(List<String> requestIds);

    /** Sends the notes of {@link #markPublished} that wait, on their own: when no write came to carry them. */
    CompletionStage<Void> sendMarks();

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
