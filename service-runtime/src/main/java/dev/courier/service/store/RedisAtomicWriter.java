package dev.courier.service.store;

import dev.courier.service.store.AtomicWrite.Condition;
import dev.courier.service.store.AtomicWrite.Operation;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisNoScriptException;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;

/**
 * Applies writes with one Lua script each, all of a batch pipelined in one {@link RBatch}. The
 * script first looks for an outcome already stored under the request id, so a command redelivered
 * — or a batch Redisson retried after a lost response — never applies twice.
 *
 * <p>The script touches several keys, which on Redis Cluster must share a hash slot; Courier runs
 * on standalone or Sentinel Redis.
 */
public final class RedisAtomicWriter implements AtomicWriter {

    private static final String SCRIPT = loadScript();
    /** Sent instead of the script's text: 40 bytes per command instead of the whole script. */
    private static final String SCRIPT_SHA = sha1Hex(SCRIPT);
    private static final String PUBLISHED = "published";

    private final RedissonClient redis;
    private final String keyPrefix;
    private final byte[] ttlMillis;

    /**
     * @param keyPrefix the prefix this service owns, e.g. {@code blog:}; outcomes live under {@code <prefix>request:<id>}
     * @param outcomeTtl how long a stored outcome answers redeliveries
     */
    public RedisAtomicWriter(RedissonClient redis, String keyPrefix, Duration outcomeTtl) {
        this.redis = redis;
        this.keyPrefix = keyPrefix;
        this.ttlMillis = utf8(Long.toString(outcomeTtl.toMillis()));
    }

    /** Where the outcome of a request id is kept. */
    public String outcomeKey(String requestId) {
        return keyPrefix + "request:" + requestId;
    }

    @Override
    public CompletionStage<List<WriteResult>> apply(List<PlannedWrite> writes) {
        return applyOnce(writes).exceptionallyCompose(failure -> {
            if (!isNoScript(failure)) {
                return CompletableFuture.failedFuture(failure);
            }
            // A restarted Redis has forgotten the script: load it again, then retry; the script's
            // outcome check makes a retry of writes that did apply harmless.
            return redis.getScript().scriptLoadAsync(SCRIPT).thenCompose(sha -> applyOnce(writes));
        });
    }

    private CompletionStage<List<WriteResult>> applyOnce(List<PlannedWrite> writes) {
        RBatch batch = redis.createBatch(BatchOptions.defaults().executionMode(BatchOptions.ExecutionMode.IN_MEMORY));
        RScriptAsync script = batch.getScript(ByteArrayCodec.INSTANCE);
        List<RFuture<List<Object>>> results = new ArrayList<>(writes.size());
        for (PlannedWrite write : writes) {
            List<Object> keys = new ArrayList<>();
            keys.add(outcomeKey(write.requestId()));
            keys.addAll(write.write().keys());
            results.add(script.evalShaAsync(RScript.Mode.READ_WRITE, SCRIPT_SHA, RScript.ReturnType.LIST, keys,
                    arguments(write, keys)));
        }
        return batch.executeAsync().thenApply(done -> results.stream().map(RedisAtomicWriter::toResult).toList());
    }

    @Override
    public CompletionStage<Void> markPublished(List<String> requestIds) {
        // Never skipResult(): it wraps the batch in CLIENT REPLY OFF/ON, and under load Redisson then
        // matched later replies to the wrong commands on that connection (HGETALL timed out, EXISTS
        // decoded a string) until the service could no longer reach Redis at all.
        RBatch batch = redis.createBatch(BatchOptions.defaults().executionMode(BatchOptions.ExecutionMode.IN_MEMORY));
        // Only where the field exists: an outcome that expired meanwhile must not come back without its TTL.
        requestIds.forEach(requestId -> batch.<String, String>getMap(outcomeKey(requestId), StringCodec.INSTANCE)
                .fastPutIfExistsAsync(PUBLISHED, "1"));
        return batch.executeAsync().thenApply(done -> null);
    }

    private Object[] arguments(PlannedWrite planned, List<Object> keys) {
        List<byte[]> arguments = new ArrayList<>();
        arguments.add(ttlMillis);
        arguments.add(planned.outcome().toBytes());
        AtomicWrite write = planned.write();
        arguments.add(utf8(Integer.toString(write.conditions().size())));
        for (Condition condition : write.conditions()) {
            arguments.add(keyIndex(keys, condition.key()));
            arguments.add(utf8(condition.field()));
            arguments.add(utf8(condition.expected() == null ? "A" : "E"));
            arguments.add(utf8(condition.expected() == null ? "" : condition.expected()));
        }
        arguments.add(utf8(Integer.toString(write.operations().size())));
        for (Operation operation : write.operations()) {
            arguments.add(utf8(operation.command().name()));
            arguments.add(keyIndex(keys, operation.key()));
            arguments.add(utf8(Integer.toString(operation.arguments().size())));
            operation.arguments().forEach(argument -> arguments.add(utf8(argument)));
        }
        return arguments.toArray();
    }

    private static byte[] keyIndex(List<Object> keys, String key) {
        return utf8(Integer.toString(keys.indexOf(key) + 1));
    }

    private static WriteResult toResult(RFuture<List<Object>> future) {
        List<Object> reply = future.toCompletableFuture().join();
        String status = new String((byte[]) reply.get(0), StandardCharsets.UTF_8);
        return switch (status) {
            case "APPLIED" -> new WriteResult.Applied();
            case "STALE" -> new WriteResult.Stale();
            case "DUPLICATE" -> new WriteResult.Duplicate(EncodedOutcome.fromBytes((byte[]) reply.get(1)),
                    "1".equals(new String((byte[]) reply.get(2), StandardCharsets.UTF_8)));
            default -> throw new IllegalStateException("atomic write script answered " + status);
        };
    }

    private static boolean isNoScript(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisNoScriptException || String.valueOf(cause.getMessage()).contains("NOSCRIPT")) {
                return true;
            }
        }
        return false;
    }

    private static String sha1Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(utf8(text)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required of every JVM", e);
        }
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private static String loadScript() {
        try (InputStream in = RedisAtomicWriter.class.getResourceAsStream("atomic-write.lua")) {
            if (in == null) {
                throw new IllegalStateException("atomic-write.lua is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
