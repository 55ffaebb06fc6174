package dev.courier.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Tokens whose signature and claims were verified recently, so a client's next requests skip the
 * signature check (an ES256 verification costs about a millisecond of CPU). Keyed by the exact token
 * text: any change to it is another key. An entry lives until the token expires (plus the allowed
 * skew) or for at most {@code ttl}, whichever is sooner; only successes are remembered.
 */
public final class VerifiedTokens {

    private final Cache<String, Authentication.Authenticated> cache;

    public VerifiedTokens(int size, Duration ttl, Duration clockSkew, Clock clock, Ticker ticker) {
        this.cache = Caffeine.newBuilder()
                .maximumSize(size)
                .ticker(ticker)
                .expireAfter(Expiry.<String, Authentication.Authenticated>creating((token, verified) -> {
                    Duration untilExpiry = Duration.between(clock.instant(), verified.expiresAt().plus(clockSkew));
                    return untilExpiry.isNegative() ? Duration.ZERO : untilExpiry.compareTo(ttl) < 0 ? untilExpiry : ttl;
                }))
                .build();
    }

    public static VerifiedTokens system(int size, Duration ttl, Duration clockSkew) {
        return new VerifiedTokens(size, ttl, clockSkew, Clock.systemUTC(), Ticker.systemTicker());
    }

    public Optional<Authentication.Authenticated> find(String token) {
        return Optional.ofNullable(cache.getIfPresent(token));
    }

    public void remember(String token, Authentication.Authenticated verified) {
        cache.put(token, verified);
    }
}
