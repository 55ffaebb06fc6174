package dev.courier.service.store;

/** What happened to one {@link AtomicWrite}. */
public sealed interface WriteResult {

    /** Applied, and the outcome stored. */
    record Applied() implements WriteResult {
    }

    /**
     * Nothing done: this request id was handled before, and this is what it answered.
     *
     * @param eventsPublished whether Kafka acknowledged its events; if not, they go out again
     */
    record Duplicate(EncodedOutcome stored, boolean eventsPublished) implements WriteResult {
    }

    /** The conditions did not hold, so the write's other outcome was stored instead. */
    record Otherwise() implements WriteResult {
    }

    /** Nothing done: the state changed since the handler read it; decide again. */
    record Stale() implements WriteResult {
    }
}
