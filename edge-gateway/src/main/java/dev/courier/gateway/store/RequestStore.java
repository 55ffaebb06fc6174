package dev.courier.gateway.store;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Requests and their outcomes, kept so {@code /requests/{id}} and idempotent retries work after a
 * timeout and across gateway restarts. Every call is asynchronous and may complete on any thread.
 */
public interface RequestStore {

    /** Puts the request on record unless it is already; the existing record otherwise, to compare. */
    default CompletionStage<Claim> claim(String requestId, RequestOrigin origin) {
        return claimAll(List.of(new ClaimRequest(requestId, origin))).thenApply(claims -> claims.get(0));
    }

    /** {@link #claim} for many requests at once, in one round trip; one answer per request, in order. */
    CompletionStage<List<Claim>> claimAll(List<ClaimRequest> requests);

    /** Records a batch of replies; each with its origin is written whole, the others only where a record exists. */
    CompletionStage<Void> record(List<ReplyToRecord> replies);

    /** Records replies where a request is already on record (the orphan sweeper's case). */
    default CompletionStage<Void> recordReplies(List<ArrivedReply> replies) {
        return record(replies.stream().map(reply -> new ReplyToRecord(reply, Optional.empty())).toList());
    }

    CompletionStage<Optional<RequestRecord>> find(String requestId);
}
