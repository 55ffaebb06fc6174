package dev.courier.gateway.testing;

import dev.courier.gateway.store.Claim;
import dev.courier.gateway.store.ClaimRequest;
import dev.courier.gateway.store.ReplyToRecord;
import dev.courier.gateway.store.RequestOrigin;
import dev.courier.gateway.store.RequestRecord;
import dev.courier.gateway.store.RequestStore;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** The request records in a map, with the rules of the Redis scripts; it can be made unreachable, and counts its claims and recordings. */
public final class InMemoryRequestStore implements RequestStore {

    private final Map<String, RequestRecord> records = new ConcurrentHashMap<>();
    private final AtomicBoolean reachable = new AtomicBoolean(true);
    private final AtomicInteger claims = new AtomicInteger();
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger recordCalls = new AtomicInteger();

    @Override
    public CompletionStage<List<Claim>> claimAll(List<ClaimRequest> requests) {
        if (!reachable.get()) {
            return unreachable();
        }
        claims.addAndGet(requests.size());
        calls.incrementAndGet();
        List<Claim> answers = requests.stream().<Claim>map(request -> {
            RequestOrigin origin = request.origin();
            RequestRecord existing = records.putIfAbsent(request.requestId(),
                    new RequestRecord(origin.principal(), origin.fingerprint(), origin.route(), Optional.empty()));
            return existing == null ? new Claim.New() : new Claim.Existing(existing);
        }).toList();
        return CompletableFuture.completedFuture(answers);
    }

    @Override
    public CompletionStage<Void> record(List<ReplyToRecord> replies) {
        if (!reachable.get()) {
            return unreachable();
        }
        recordCalls.incrementAndGet();
        for (ReplyToRecord reply : replies) {
            String requestId = reply.reply().requestId();
            Optional<byte[]> value = Optional.of(reply.reply().value());
            if (reply.origin().isPresent()) {
                RequestOrigin origin = reply.origin().get();
                records.put(requestId, new RequestRecord(origin.principal(), origin.fingerprint(), origin.route(), value));
            } else {
                records.computeIfPresent(requestId, (id, record) ->
                        new RequestRecord(record.principal(), record.fingerprint(), record.route(), value));
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletionStage<Optional<RequestRecord>> find(String requestId) {
        return reachable.get() ? CompletableFuture.completedFuture(Optional.ofNullable(records.get(requestId))) : unreachable();
    }

    public void reachable(boolean reachable) {
        this.reachable.set(reachable);
    }

    /** The record of a request id, read directly. */
    public Optional<RequestRecord> recordOf(String requestId) {
        return Optional.ofNullable(records.get(requestId));
    }

    public int claims() {
        return claims.get();
    }

    /** Round trips the claims took. */
    public int claimCalls() {
        return calls.get();
    }

    /** Round trips the recorded replies took. */
    public int recordCalls() {
        return recordCalls.get();
    }

    private static <T> CompletionStage<T> unreachable() {
        return CompletableFuture.failedFuture(new IOException("Redis is unreachable"));
    }
}
