package dev.courier.gateway.ratelimit;

import io.github.bucket4j.ConsumptionProbe;

/**
 * Whether one request may go on under its route's rate limit, and what the caller has left.
 *
 * @param remaining the requests the caller may still make at once
 * @param fullInNanos how long until the caller's bucket is full again
 * @param retryInNanos when refused, how long until the next request would be let through
 * @param decidedBy where the caller's bucket was read
 */
public record RateDecision(boolean allowed, long remaining, long fullInNanos, long retryInNanos, DecidedBy decidedBy) {

    /** Where a decision was made. */
    public enum DecidedBy {
        /** The bucket every instance shares in Redis (or this instance's share of it, synchronized). */
        REDIS,
        /** This instance's own bucket, while Redis does not answer. */
        LOCAL,
        /** Nobody: Redis does not answer and the limits are open meanwhile. */
        NONE
    }

    /** Let through without a limit: nothing is known about what is left. */
    public static final RateDecision UNLIMITED = new RateDecision(true, Long.MAX_VALUE, 0, 0, DecidedBy.NONE);

    static RateDecision of(ConsumptionProbe probe, DecidedBy decidedBy) {
        return new RateDecision(probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForReset(),
                probe.isConsumed() ? 0 : probe.getNanosToWaitForRefill(), decidedBy);
    }
}
