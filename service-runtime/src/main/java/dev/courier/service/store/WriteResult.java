package dev.courier.service.store;

/** What happened to one {@link AtomicWrite}. */
public sealed interface WriteResult {

    /** Applied, and the outcome stored. */
    record Applied() implements WriteResult {
    }

    /** Nothing done: this request id was handled before, and this is what it answered. */
    record Duplicate(EncodedOutcome stored) implements WriteResult {
    }

    /** Nothing done: the state changed since the handler read it; decide again. */
    record Stale() implements WriteResult {
    }
}
