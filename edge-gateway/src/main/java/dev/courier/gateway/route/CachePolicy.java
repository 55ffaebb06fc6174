package dev.courier.gateway.route;

import java.time.Duration;

/**
 * A read route whose OK answers the gateway keeps and serves again, with an {@code ETag}, until an
 * event about the same entity arrives, a write to it is answered through this gateway, or
 * {@code ttl} passes (the bound should events stop coming). The route's answer must depend only on
 * the entity its key names, the same for every caller holding its scopes, and that entity's
 * events must be keyed by the same id.
 *
 * @param invalidatedBy the events topic whose records, by key, make a kept answer stale
 */
public record CachePolicy(Duration ttl, String invalidatedBy) {

    public static final Duration MAX_TTL = Duration.ofDays(1);

    public CachePolicy {
        if (ttl.compareTo(Duration.ofSeconds(1)) < 0 || ttl.compareTo(MAX_TTL) > 0) {
            throw new IllegalArgumentException("ttl must be 1s to 1d, was " + ttl);
        }
    }
}
