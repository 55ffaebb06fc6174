package dev.courier.user.command;

import dev.courier.commons.secret.SecretHashes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * Hashes passwords with {@link SecretHashes} on its own pool: the hashes of one batch are computed
 * side by side, off the consumer thread.
 */
public final class PasswordHasher {

    private final ExecutorService pool;

    public PasswordHasher(ExecutorService pool) {
        this.pool = pool;
    }

    public CompletionStage<String> hash(String password) {
        return CompletableFuture.supplyAsync(() -> SecretHashes.hash(password), pool);
    }

    /** Whether the password matches a hash made by {@link #hash}. */
    public static boolean matches(String password, String hash) {
        return SecretHashes.matches(password, hash);
    }
}
