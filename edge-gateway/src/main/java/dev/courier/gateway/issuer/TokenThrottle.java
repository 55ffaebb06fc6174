package dev.courier.gateway.issuer;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.courier.gateway.config.ThrottleSettings;
import dev.courier.gateway.store.GatewayKeys;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Slows down guessing at the token endpoint, across every gateway instance (the counts live in
 * Redis). Three counts of attempts not known to have succeeded, each with its own limit per window:
 * per source address, per client id from one address, and per client id from all addresses. An
 * attempt is counted when it starts and uncounted when its secret matches (or was never checked),
 * so concurrent guesses cannot slip past a limit and a client is never slowed by its own successes.
 *
 * <p>One address can therefore exhaust its own budget and that client id's budget from that
 * address, but not lock the client out elsewhere: only guesses from many addresses together reach
 * the per-client limit, which is set well above the per-pair one. IPv6 addresses count by their
 * /64, which one host usually has whole. Once Redis has said a count is over its limit, this
 * instance remembers it until the wait is over, so a flood is refused without a Redis round trip
 * per guess.
 */
public final class TokenThrottle {

    /** How long to wait before trying again; zero when the attempt may go ahead. */
    public record Verdict(Duration retryAfter) {
        public boolean allowed() {
            return retryAfter.isZero();
        }
    }

    // KEYS: the counts in order; ARGV: their limits in the same order, then the window in ms.
    // Counts up to the first count over its limit and says which: {ms to wait, its 1-based index},
    // or {0, 0} when the attempt may go ahead. A count past the first over its limit is not touched.
    private static final String ACQUIRE = """
            local window = tonumber(ARGV[#KEYS + 1])
            for i, key in ipairs(KEYS) do
              local count = redis.call('INCR', key)
              if count == 1 then redis.call('PEXPIRE', key, window) end
              if count > tonumber(ARGV[i]) then
                local ttl = redis.call('PTTL', key)
                if ttl < 1 then ttl = window end
                return {ttl, i}
              end
            end
            return {0, 0}
            """;

    private static final String RELEASE = """
            for _, key in ipairs(KEYS) do
              if redis.call('EXISTS', key) == 1 then redis.call('DECR', key) end
            end
            return 0
            """;

    private final RedissonClient redis;
    private final ThrottleSettings limits;
    /** A count's key to when this instance learned its wait is over (nanoTime). */
    private final Cache<String, Long> throttledUntil;

    public TokenThrottle(RedissonClient redis, ThrottleSettings limits) {
        this.redis = redis;
        this.limits = limits;
        this.throttledUntil = Caffeine.newBuilder().maximumSize(100_000).expireAfterWrite(limits.window()).build();
    }

    /** Counts an attempt and says whether it may go ahead. */
    public CompletionStage<Verdict> acquire(String address, String clientId) {
        List<Object> keys = keys(address, clientId);
        for (Object key : keys) {
            Optional<Verdict> known = remembered((String) key);
            if (known.isPresent()) {
                return CompletableFuture.completedFuture(known.get());
            }
        }
        CompletionStage<List<Object>> result = redis.getScript(StringCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, ACQUIRE,
                RScript.ReturnType.LIST, keys, Integer.toString(limits.perAddress()), Integer.toString(limits.perClientAndAddress()),
                Integer.toString(limits.perClient()), Long.toString(limits.window().toMillis()));
        return result.thenApply(answer -> {
            Verdict verdict = new Verdict(Duration.ofMillis((Long) answer.get(0)));
            if (!verdict.allowed()) {
                String over = (String) keys.get(((Long) answer.get(1)).intValue() - 1);
                throttledUntil.put(over, System.nanoTime() + verdict.retryAfter().toNanos());
            }
            return verdict;
        });
    }

    /** The attempt succeeded, or its secret was never checked: it no longer counts. */
    public CompletionStage<Void> release(String address, String clientId) {
        CompletionStage<Long> done = redis.getScript(StringCodec.INSTANCE).evalAsync(RScript.Mode.READ_WRITE, RELEASE,
                RScript.ReturnType.LONG, keys(address, clientId));
        return done.thenApply(ignored -> null);
    }

    private Optional<Verdict> remembered(String key) {
        Long until = throttledUntil.getIfPresent(key);
        long left = until == null ? 0 : until - System.nanoTime();
        return left > 0 ? Optional.of(new Verdict(Duration.ofNanos(left))) : Optional.empty();
    }

    private static List<Object> keys(String address, String clientId) {
        String source = source(address);
        return List.of(GatewayKeys.tokenAttempts("address", source),
                GatewayKeys.tokenAttempts("client-at", clientId + "@" + source),
                GatewayKeys.tokenAttempts("client", clientId));
    }

    /**
     * An IPv4 address as it is; an IPv6 address as its /64; an IPv4-mapped IPv6 address
     * ({@code ::ffff:203.0.113.7}, as a dual-stack listener sees an IPv4 client) as the IPv4
     * address it maps, so one client does not get two budgets.
     */
    static String source(String address) {
        if (address.indexOf(':') < 0) {
            return address;
        }
        try {
            // A literal: parsed, never looked up.
            InetAddress parsed = InetAddress.getByName(address);
            byte[] bytes = parsed.getAddress();
            return bytes.length == 16 ? HexFormat.of().formatHex(bytes, 0, 8) + "::/64" : parsed.getHostAddress();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
