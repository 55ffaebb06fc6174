package dev.courier.service.store;

import dev.courier.commons.redis.LuaScript;
import dev.courier.service.store.AtomicWrite.Condition;
import dev.courier.service.store.AtomicWrite.Operation;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.redisson.api.BatchOptions;
import org.redisson.api.RBatch;
import org.redisson.api.RFuture;
import org.redisson.api.RScript;
import org.redisson.api.RScriptAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies writes with one Lua script each, all of a batch pipelined in one {@link RBatch}. The
 * script first looks for an outcome already stored under the request id, so a command redelivered
 * — or a batch Redisson retried after a lost response — never applies twice.
 *
 * <p>The script touches several keys, which on Redis Cluster must share a hash slot; Courier runs
 * on standalone or Sentinel Redis.
 */
public final class RedisAtomicWriter implements AtomicWriter {

    private static final Logger LOG = LoggerFactory.getLogger(RedisAtomicWriter.class);
    private static final LuaScript ATOMIC_WRITE = LuaScript.resource(RedisAtomicWriter.class, "atomic-write.lua");
    private static final LuaScript MARK_PUBLISHED = LuaScript.resource(RedisAtomicWriter.class, "mark-published.lua");

    private final RedissonClient redis;
    private final String keyPrefix;
    private final byte[] ttlMillis;
    /** Request ids whose events Kafka acknowledged, to be marked published by the next round trip. */
    private final ConcurrentLinkedQueue<String> marksWaiting = new ConcurrentLinkedQueue<>();

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

    /**
     * The writes, and the published marks that wait, in one round trip. The marks do not share the
     * writes' fate: a write's result is its own answer, whatever became of the marks.
     */
    @Override
    public CompletionStage<List<WriteResult>> apply(List<PlannedWrite> writes) {
        AtomicReference<List<String>> marks = new AtomicReference<>(takeMarks());
        // The script's outcome check makes running writes again after NOSCRIPT harmless; the marks ride only the first try.
        return ATOMIC_WRITE.call(redis, () -> applyOnce(writes, marks.getAndSet(List.of())));
    }

    private CompletionStage<List<WriteResult>> applyOnce(List<PlannedWrite> writes, List<String> marks) {
        RBatch batch = redis.createBatch(BatchOptions.defaults().executionMode(BatchOptions.ExecutionMode.IN_MEMORY));
        RScriptAsync script = batch.getScript(ByteArrayCodec.INSTANCE);
        RFuture<Long> marked = marks.isEmpty() ? null
                : script.evalShaAsync(RScript.Mode.READ_WRITE, MARK_PUBLISHED.sha(), RScript.ReturnType.LONG, outcomeKeys(marks));
        List<RFuture<List<Object>>> results = new ArrayList<>(writes.size());
        for (PlannedWrite write : writes) {
            List<Object> keys = new ArrayList<>();
            keys.add(outcomeKey(write.requestId()));
            keys.addAll(write.write().keys());
            results.add(script.evalShaAsync(RScript.Mode.READ_WRITE, ATOMIC_WRITE.sha(), RScript.ReturnType.LIST, keys,
                    arguments(write, keys)));
        }
        // The batch fails when any of its commands did; each command's own answer tells which.
        return batch.executeAsync().handle((done, failure) -> failure)
                .thenCompose(failure -> (marked == null ? CompletableFuture.<Void>completedFuture(null) : settle(marks, marked, failure))
                        .thenCompose(ignored -> results(results, failure)));
    }

    private static CompletionStage<List<WriteResult>> results(List<RFuture<List<Object>>> results, Throwable batchFailure) {
        for (RFuture<List<Object>> result : results) {
            Throwable failure = failureOf(result, batchFailure);
            if (failure != null) {
                return CompletableFuture.failedFuture(failure);
            }
        }
        return CompletableFuture.completedFuture(results.stream().map(RedisAtomicWriter::toResult).toList());
    }

    /**
     * Marks that rode along and failed: sent again alone once Redis knows their script, otherwise
     * dropped with a warning (a redelivery then sends the events twice, never zero times).
     */
    private CompletionStage<Void> settle(List<String> marks, RFuture<Long> marked, Throwable batchFailure) {
        Throwable failure = failureOf(marked, batchFailure);
        if (failure == null) {
            return CompletableFuture.completedFuture(null);
        }
        if (LuaScript.isNoScript(failure)) {
            return MARK_PUBLISHED.call(redis, () -> markAlone(marks)).exceptionally(error -> {
                warnNotMarked(marks, error);
                return null;
            });
        }
        warnNotMarked(marks, failure);
        return CompletableFuture.completedFuture(null);
    }

    /** The command's failure; null when it succeeded. One the batch never answered failed as the batch did. */
    private static Throwable failureOf(RFuture<?> command, Throwable batchFailure) {
        CompletableFuture<?> answer = command.toCompletableFuture();
        if (!answer.isDone()) {
            return batchFailure == null ? new IllegalStateException("Redis answered the batch but not this command") : batchFailure;
        }
        Throwable failure = answer.handle((value, error) -> error).join();
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private static void warnNotMarked(List<String> marks, Throwable error) {
        LOG.warn("could not mark events published requests={} error={}", marks.size(), error.toString());
    }

    /** Kept until the next write carries them, or {@link #sendMarks}. */
    @Override
    public void markPublished(List<String> requestIds) {
        marksWaiting.addAll(requestIds);
    }

    /** One call for every mark waiting. */
    @Override
    public CompletionStage<Void> sendMarks() {
        List<String> marks = takeMarks();
        if (marks.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return MARK_PUBLISHED.call(redis, () -> markAlone(marks));
    }

    private CompletionStage<Void> markAlone(List<String> marks) {
        return redis.getScript(StringCodec.INSTANCE)
                .<Long>evalShaAsync(RScript.Mode.READ_WRITE, MARK_PUBLISHED.sha(), RScript.ReturnType.LONG, outcomeKeys(marks))
                .thenApply(marked -> null);
    }

    private List<String> takeMarks() {
        List<String> marks = new ArrayList<>();
        for (String requestId = marksWaiting.poll(); requestId != null; requestId = marksWaiting.poll()) {
            marks.add(requestId);
        }
        return marks;
    }

    /** The script marks only outcomes that still exist, so none comes back without its TTL. */
    private List<Object> outcomeKeys(List<String> requestIds) {
        return requestIds.stream().<Object>map(this::outcomeKey).toList();
    }

    private Object[] arguments(PlannedWrite planned, List<Object> keys) {
        List<byte[]> arguments = new ArrayList<>();
        arguments.add(ttlMillis);
        arguments.add(planned.outcome().toBytes());
        arguments.add(planned.otherwise().map(EncodedOutcome::toBytes).orElse(new byte[0]));
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
            case "OTHERWISE" -> new WriteResult.Otherwise();
            case "DUPLICATE" -> new WriteResult.Duplicate(EncodedOutcome.fromBytes((byte[]) reply.get(1)),
                    "1".equals(new String((byte[]) reply.get(2), StandardCharsets.UTF_8)));
            default -> throw new IllegalStateException("atomic write script answered " + status);
        };
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
