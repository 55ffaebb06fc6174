package dev.courier.service.testing;

import dev.courier.service.store.AtomicWrite;
import dev.courier.service.store.AtomicWriter;
import dev.courier.service.store.EncodedOutcome;
import dev.courier.service.store.WriteResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.client.RedisConnectionException;

/**
 * The atomic-write semantics of the Lua script, in memory: outcome first, then conditions, then
 * changes. Thread-safe, so a test may look at it while a command loop writes. It can be made
 * unreachable: writes then fail as Redisson's do when Redis is away.
 */
public final class InMemoryAtomicWriter implements AtomicWriter {

    private final Map<String, Map<String, String>> hashes = new HashMap<>();
    private final Map<String, EncodedOutcome> outcomes = new HashMap<>();
    /** Keys whose writes are always found stale, as if someone changed them every time. */
    private final Set<String> alwaysStale = new HashSet<>();
    private final Map<String, Integer> attempts = new HashMap<>();
    private final List<String> applied = new ArrayList<>();
    private final List<String> published = new ArrayList<>();
    /** Marks waiting for the next apply or sendMarks, as Redis's writer keeps them. */
    private final List<String> marksWaiting = new ArrayList<>();
    private Runnable beforeNextApply = () -> { };
    private boolean reachable = true;

    /** The field's value, or null when the hash or the field is absent. */
    public synchronized String field(String key, String field) {
        return hashes.getOrDefault(key, Map.of()).get(field);
    }

    /** Changes the state behind the handlers' backs, as another writer would. */
    public synchronized void put(String key, String field, String value) {
        hashes.computeIfAbsent(key, any -> new HashMap<>()).put(field, value);
    }

    /** From now on every write touching {@code key} is found stale. */
    public synchronized void alwaysStale(String key) {
        alwaysStale.add(key);
    }

    /** How often a write with a condition on {@code key} was tried. */
    public synchronized int attempts(String key) {
        return attempts.getOrDefault(key, 0);
    }

    /** Runs before the next {@link #apply}, on the applying thread. */
    public synchronized void beforeNextApply(Runnable action) {
        beforeNextApply = action;
    }

    /** Whether Redis answers; while it does not, {@link #apply} fails as Redisson does when it cannot connect. */
    public synchronized void reachable(boolean reachable) {
        this.reachable = reachable;
    }

    public synchronized boolean isReachable() {
        return reachable;
    }

    /** The request ids of every write applied, found stale or found a duplicate, in order. */
    public synchronized List<String> applied() {
        return List.copyOf(applied);
    }

    /** The request ids marked published, in order. */
    public synchronized List<String> published() {
        return List.copyOf(published);
    }

    @Override
    public CompletionStage<List<WriteResult>> apply(List<PlannedWrite> writes) {
        Runnable before;
        synchronized (this) {
            if (!reachable) {
                return CompletableFuture.failedFuture(new RedisConnectionException("Unable to connect to Redis server: localhost/127.0.0.1:6379"));
            }
            before = beforeNextApply;
            beforeNextApply = () -> { };
        }
        before.run();
        synchronized (this) {
            takeMarks();
            List<WriteResult> results = new ArrayList<>();
            for (PlannedWrite planned : writes) {
                applied.add(planned.requestId());
                results.add(applyOne(planned));
            }
            return CompletableFuture.completedFuture(results);
        }
    }

    private WriteResult applyOne(PlannedWrite planned) {
        if (outcomes.containsKey(planned.requestId())) {
            return new WriteResult.Duplicate(outcomes.get(planned.requestId()), published.contains(planned.requestId()));
        }
        for (AtomicWrite.Condition condition : planned.write().conditions()) {
            attempts.merge(condition.key(), 1, Integer::sum);
            String actual = hashes.getOrDefault(condition.key(), Map.of()).get(condition.field());
            if (alwaysStale.contains(condition.key()) || !Objects.equals(actual, condition.expected())) {
                if (planned.otherwise().isPresent()) {
                    outcomes.put(planned.requestId(), planned.otherwise().get());
                    return new WriteResult.Otherwise();
                }
                return new WriteResult.Stale();
            }
        }
        for (AtomicWrite.Operation operation : planned.write().operations()) {
            Map<String, String> hash = hashes.computeIfAbsent(operation.key(), key -> new HashMap<>());
            for (int i = 0; i < operation.arguments().size(); i += 2) {
                hash.put(operation.arguments().get(i), operation.arguments().get(i + 1));
            }
        }
        outcomes.put(planned.requestId(), planned.outcome());
        return new WriteResult.Applied();
    }

    @Override
    public synchronized void markPublished(List<String> requestIds) {
        marksWaiting.addAll(requestIds);
    }

    @Override
    public synchronized CompletionStage<Void> sendMarks() {
        takeMarks();
        return CompletableFuture.completedFuture(null);
    }

    private void takeMarks() {
        published.addAll(marksWaiting);
        marksWaiting.clear();
    }
}
