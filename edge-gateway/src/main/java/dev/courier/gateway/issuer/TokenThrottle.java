package dev.courier.gateway.issuer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.courier.gateway.store.GatewayKeys;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Slows down guessing at the token endpoint, across every gateway instance (the counts live in
 * Redis): per source address and per client id, at most so many attempts in a window that are not
 * known to have succeeded. An attempt is counted when it starts and uncounted when its secret
 * matches, so concurrent guesses cannot slip past the limit and a client that authenticates is
 * never slowed by its own successes. A throttled address does not count against the client id it
 * names, so an attacker's address cannot lock a client out on its own. Once Redis has said an
 * address or a client is throttled, this instance remembers it until the wait is over, so a flood
 * from a throttled address is refused without a Redis round trip per guess.
 */
public final class TokenThrottle {

    /** How long to wait before trying again; zero when the attempt may go ahead. */
    public record Verdict(Duration retryAfter) {
        public boolean allowed() {
            return retryAfter.isZero();
        }
    }

    // KEYS: address, client; ARGV: address limit, client limit, window ms.
    // Returns {0} when the attempt may go ahead, else {ms to wait, which limit: address or client}.
    private static final String ACQUIRE = """
            local function take(key, limit, window)
              local count = redis.call('INCR', key)
              if count == 1 then redis.call('PEXPIRE', key, window) end
              if count > tonumber(limit) then
                local ttl = redis.call('PTTL', key)
                if ttl < 1 then return tonumber(window) end
                return ttl
              end
              return 0
            end
            local wait = take(KEYS[1], ARGV[1], ARGV[3])
            if wait > 0 then return {wait, 'address'} end
            wait = take(KEYS[2], ARGV[2], ARGV[3])
            if wait > 0 then return {wait, 'client'} end
            return {0, 'none'}
            """;

    private static final String RELEASE = """
            for _, key in ipairs(KEYS) do
              if redis.call('EXISTS', key) == 1 then redis.call('DECR', key) end
            end
            return 0
            """;

    private final RedissonClient redis;
    /** "address:..." or "client:..." to when this instance learned it may try again. */
    private final Cache<String, Long> throttledUntil;
    private final int perAddress;
    private final int perClient;
    private final Duration window;

    public TokenThrottle(RedissonClient redis, int perAddress, int perClient, Duration window) {
        this.redis = redis;
        this.throttledUntil = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(window).build();
        this.perAddress = perAddress;
        this.perClient = perClient;
        this.window = window;
    }

    /** Counts an attempt and says whether it may go ahead. */
    public CompletionStage<Verdict> acquire(String address, String clientId) {
        Optional<Verdict> known = remembered("address:" + address).or(() -> remembered("client:" + clientId));
        if (known.isPresent()) {
            return CompletableFuture.completedFuture(known.get());
        }
        CompletionStage<List<Object>> result = redis.getScript(StringCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, ACQUIRE,
                RScript.ReturnType.LIST, keys(address, clientId),
                Integer.toString(perAddress), Integer.toString(perClient), Long.toString(window.toMillis()));
        return result.thenApply(answer -> {
            Verdict verdict = new Verdict(Duration.ofMillis((Long) answer.get(0)));
            if (!verdict.allowed()) {
                String who = answer.get(1) + ":" + (answer.get(1).equals("address") ? address : clientId);
                throttledUntil.put(who, System.nanoTime() + verdict.retryAfter().toNanos());
            }
            return verdict;
        });
    }

    private Optional<Verdict> remembered(String who) {
        Long until = throttledUntil.getIfPresent(who);
        long left = until == null ? 0 : until - System.nanoTime();
        return left > 0 ? Optional.of(new Verdict(Duration.ofNanos(left))) : Optional.empty();
    }

    /** The attempt succeeded: it no longer counts against the address or the client. */
    public CompletionStage<Void> succeeded(String address, String clientId) {
        CompletionStage<Long> done = redis.getScript(StringCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, RELEASE,
                RScript.ReturnType.LONG, keys(address, clientId));
        return done.thenApply(ignored -> null);
    }

    private static List<Object> keys(String address, String clientId) {
        return List.of(GatewayKeys.tokenAttempts("address", address), GatewayKeys.tokenAttempts("client", clientId));
    }
}
