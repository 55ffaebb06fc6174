package dev.courier.gateway.path;

import dev.courier.gateway.http.Problem;
import dev.courier.gateway.http.Responder;
import dev.courier.gateway.store.Claim;
import dev.courier.gateway.store.ClaimRequest;
import dev.courier.gateway.store.RequestRecord;
import dev.courier.gateway.store.RequestStore;
import io.vertx.core.Context;

/**
 * Puts the request on record before its command is produced, where something must be found there
 * before any reply: an asynchronous request's {@code Location}, and an Idempotency-Key's earlier
 * use. A retry of a request already answered gets that answer; a reuse of the key for something
 * else is a 422. A synchronous request without a key skips this round trip: the reply consumer
 * records it whole when its reply comes, and its deadline puts it on record before the 504. The
 * claims of one event-loop turn share one round trip ({@link ClaimBatch}).
 */
final class ClaimStep implements RequestStep {

    private final ClaimBatch claims;
    private final Responder responder;
    private final Context context;

    ClaimStep(RequestStore store, Responder responder, Context context) {
        this.claims = new ClaimBatch(store, context);
        this.responder = responder;
        this.context = context;
    }

    @Override
    public void handle(CommandCall call) {
        if (!call.putOnRecordFirst()) {
            call.next();
            return;
        }
        if (call.redisPermit() != null) {
            call.redisPermit().calling();
        }
        claims.claim(new ClaimRequest(call.exchange().requestId(), call.origin())).whenComplete((claim, error) -> context.runOnContext(ignored -> {
            if (call.redisPermit() != null) {
                if (error != null) {
                    call.redisPermit().failed(error);
                } else {
                    call.redisPermit().succeeded();
                }
            }
            if (error != null) {
                Unavailable.answer(call.exchange(), "Redis", error);
            } else {
                onClaim(call, claim);
            }
        }));
    }

    private void onClaim(CommandCall call, Claim claim) {
        if (claim instanceof Claim.Existing existing) {
            RequestRecord record = existing.record();
            if (!record.principal().equals(call.origin().principal()) || !record.fingerprint().equals(call.origin().fingerprint())) {
                call.exchange().problem(Problem.of(422, "idempotency-key-reused", "The Idempotency-Key was used for another request",
                        "a retry must repeat the original request exactly; use a new key for a new request"));
                return;
            }
            if (record.reply().isPresent()) {
                responder.outcome(call.exchange(), call.route(), record.reply().get());
                return;
            }
            // Seen before but no reply yet: send again. The service answers a repeated request id
            // from its stored outcome, so this never causes a second effect.
        }
        call.next();
    }
}
