package dev.courier.gateway.store;

import dev.courier.commons.redis.LuaScript;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RScript;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** The request records in Redis, one hash per request id with the TTL of {@code requests.ttl}; scripts go by their SHA. */
public final class RedisRequestStore implements RequestStore {

    private static final LuaScript CLAIM = LuaScript.resource(RedisRequestStore.class, "claim.lua");
    private static final LuaScript RECORD_REPLY = LuaScript.resource(RedisRequestStore.class, "record-reply.lua");

    private static final Base64.Encoder ENCODER = Base64.getEncoder();
    private static final Base64.Decoder DECODER = Base64.getDecoder();

    private final RedissonClient redis;
    /** Milliseconds, as the scripts take it. */
    private final String ttl;

    public RedisRequestStore(RedissonClient redis, Duration ttl) {
        this.redis = redis;
        this.ttl = Long.toString(ttl.toMillis());
    }

    @Override
    public CompletionStage<Claim> claim(String requestId, RequestOrigin origin) {
        return CLAIM.call(redis, () -> claimWith(redis.getScript(StringCodec.INSTANCE), new ClaimRequest(requestId, origin)));
    }

    /** One pipelined round trip for them all; a lone one goes without the batch's overhead. */
    @Override
    public CompletionStage<List<Claim>> claimAll(List<ClaimRequest> requests) {
        if (requests.size() == 1) {
            return claim(requests.get(0).requestId(), requests.get(0).origin()).thenApply(List::of);
        }
        return CLAIM.call(redis, () -> {
            RBatch batch = redis.createBatch(BatchOptions.defaults());
            RScriptAsync script = batch.getScript(StringCodec.INSTANCE);
            List<CompletableFuture<Claim>> claims = requests.stream().map(request -> claimWith(script, request).toCompletableFuture()).toList();
            return batch.executeAsync().thenApply(done -> claims.stream().map(CompletableFuture::join).toList());
        });
    }

    private CompletionStage<Claim> claimWith(RScriptAsync script, ClaimRequest request) {
        RequestOrigin origin = request.origin();
        CompletionStage<List<Object>> result = script.evalShaAsync(RScript.Mode.READ_WRITE, CLAIM.sha(), RScript.ReturnType.LIST,
                List.of(GatewayKeys.request(request.requestId())), origin.principal(), origin.fingerprint(), origin.route(), ttl);
        return result.thenApply(values -> "new".equals(values.get(0))
                ? new Claim.New()
                : new Claim.Existing(record((String) values.get(1), (String) values.get(2), (String) values.get(3), (String) values.get(4))));
    }

    /** One pipelined round trip for the batch. */
    @Override
    public CompletionStage<Void> record(List<ReplyToRecord> replies) {
        return RECORD_REPLY.call(redis, () -> {
            RBatch batch = redis.createBatch(BatchOptions.defaults());
            RScriptAsync script = batch.getScript(StringCodec.INSTANCE);
            for (ReplyToRecord reply : replies) {
                List<Object> keys = List.of(GatewayKeys.request(reply.reply().requestId()));
                String value = ENCODER.encodeToString(reply.reply().value());
                Object[] arguments = reply.origin()
                        .map(origin -> new Object[] {value, ttl, origin.principal(), origin.fingerprint(), origin.route()})
                        .orElseGet(() -> new Object[] {value});
                script.evalShaAsync(RScript.Mode.READ_WRITE, RECORD_REPLY.sha(), RScript.ReturnType.LONG, keys, arguments);
            }
            return batch.executeAsync().thenApply(ignored -> null);
        });
    }

    @Override
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
