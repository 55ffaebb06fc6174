package dev.courier.gateway.issuer;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Checks client secrets on a pool of its own, bounded in threads and queue: an Argon2id check costs
 * tens of milliseconds and 19 MiB, so a flood of guesses may use at most these threads and never
 * the workers that verify tokens or the event loops that serve requests and readiness. A check
 * that finds the queue full fails at once with {@link Busy}.
 */
public final class SecretChecks implements AutoCloseable {

    /** Every hashing thread is busy and the queue is full: answer 503 now, not later. */
    public static final class Busy extends RuntimeException {
        Busy() {
            super("every secret check is busy", null, false, false);
        }
    }

    private final ClientRegistry clients;
    private final ThreadPoolExecutor pool;

    public SecretChecks(ClientRegistry clients, int threads, int queue) {
        this.clients = clients;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(queue), runnable -> {
            Thread thread = new Thread(runnable, "courier-secret-check");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** The client when the secret matches, completed on {@code context}. */
    public Future<Optional<OAuthClient>> authenticate(Context context, String clientId, String secret) {
        Promise<Optional<OAuthClient>> result = Promise.promise();
        try {
            pool.execute(() -> {
                Optional<OAuthClient> client;
                try {
                    client = clients.authenticate(clientId, secret);
                } catch (RuntimeException | Error e) {
                    // An Error too (an OutOfMemoryError in Argon2): the request is answered, not left hanging.
                    context.runOnContext(ignored -> result.fail(e));
                    return;
                }
                context.runOnContext(ignored -> result.complete(client));
            });
        } catch (RejectedExecutionException e) {
            result.fail(new Busy());
        }
        return result.future();
    }

    /** Lets the checks already taken finish (their requests are answered), then stops. */
    @Override
    public void close() {
        pool.shutdown();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pool.shutdownNow();
        }
    }
}
