package dev.courier.gateway.route;

import java.time.Duration;

/**
 * A route's rate limit: a token bucket per caller that holds {@code burst} tokens and refills
 * {@code requests} of them evenly over each {@code per}. A request takes one token; an empty bucket
 * answers 429. A burst at a window edge cannot double the limit, as it could with fixed windows.
 *
 * @param requests how many requests one caller may make per period, sustained
 * @param per the period
 * @param burst how many requests a caller who was idle may make at once
 */
public record RateLimit(long requests, Duration per, long burst) {

    public static final long MAX_REQUESTS = 1_000_000_000L;
    public static final Duration MIN_PERIOD = Duration.ofSeconds(1);
    public static final Duration MAX_PERIOD = Duration.ofDays(1);

    public RateLimit {
        if (requests < 1 || requests > MAX_REQUESTS) {
            throw new IllegalArgumentException("requests must be 1 to " + MAX_REQUESTS + ", was " + requests);
        }
        if (burst < 1 || burst > MAX_REQUESTS) {
            throw new IllegalArgumentException("burst must be 1 to " + MAX_REQUESTS + ", was " + burst);
        }
        if (per.compareTo(MIN_PERIOD) < 0 || per.compareTo(MAX_PERIOD) > 0) {
            throw new IllegalArgumentException("per must be 1s to 1d, was " + per);
        }
    }

    /** The period in whole seconds, as the {@code RateLimit-Policy} header's window. */
    public long windowSeconds() {
        return per.toSeconds();
    }
}
