package dev.courier.gateway.store;

import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Requests and their outcomes in Redis, so {@code /requests/{id}} and idempotent retries work after
 * a timeout and across gateway restarts. Every call is asynchronous.
 */
public final class RequestStore {

    // Creates the record unless one exists; returns the existing one so the caller can compare.
    private static final String CLAIM = """
            local found = redis.call('HMGET', KEYS[1], 'principal', 'fingerprint', 'route', 'reply')
            if found[1] then
              return {'existing', found[1], found[2] or '', found[3] or '', found[4] or ''}
            end
            redis.call('HSET', KEYS[1], 'principal', ARGV[1], 'fingerprint', ARGV[2], 'route', ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[4])
            return {'new'}
            """;

    // Only requests this gateway registered get an outcome: a reply for an expired or foreign
    // request id must not create a record without an owner.
    private static final String RECORD_REPLY = """
            if redis.call('EXISTS', KEYS[1]) == 1 then
              redis.call('HSET', KEYS[1], 'reply', ARGV[1])
              return 1
            end
            return 0
            """;

    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final RedissonClient redis;
    private final long ttlMillis;

    public RequestStore(RedissonClient redis, Duration ttl) {
        this.redis = redis;
        this.ttlMillis = ttl.toMillis();
    }

    public CompletionStage<Claim> claim(String requestId, String principal, String fingerprint, String route) {
        RScript script = redis.getScript(StringCodec.INSTANCE);
        CompletionStage<List<Object>> result = script.evalAsync(RScript.Mode.READ_WRITE, CLAIM, RScript.ReturnType.LIST,
                List.of(GatewayKeys.request(requestId)), principal, fingerprint, route, Long.toString(ttlMillis));
        return result.thenApply(values -> "new".equals(values.get(0))
                ? new Claim.New()
                : new Claim.Existing(record((String) values.get(1), (String) values.get(2), (String) values.get(3), (String) values.get(4))));
    }

    /** Records a batch of replies in one round trip. */
    public CompletionStage<Void> recordReplies(List<ArrivedReply> replies) {
        RBatch batch = redis.createBatch(BatchOptions.defaults());
        RScriptAsync script = batch.getScript(StringCodec.INSTANCE);
        for (ArrivedReply reply : replies) {
            script.evalAsync(RScript.Mode.READ_WRITE, RECORD_REPLY, RScript.ReturnType.LONG,
                    List.of(GatewayKeys.request(reply.requestId())), ENCODER.encodeToString(reply.value()));
        }
        return batch.executeAsync().thenApply(ignored -> null);
    }

    public CompletionStage<Optional<RequestRecord>> find(String requestId) {
        CompletionStage<Map<String, String>> fields = redis.<String, String>getMap(GatewayKeys.request(requestId), StringCodec.INSTANCE).readAllMapAsync();
        return fields.thenApply(map -> map.isEmpty() || !map.containsKey("principal")
                ? Optional.empty()
                : Optional.of(record(map.get("principal"), map.getOrDefault("fingerprint", ""), map.getOrDefault("route", ""),
                        map.getOrDefault("reply", ""))));
    }

    private static RequestRecord record(String principal, String fingerprint, String route, String reply) {
        return new RequestRecord(principal, fingerprint, route, reply.isEmpty() ? Optional.empty() : Optional.of(DECODER.decode(reply)));
    }
}
