package dev.courier.user.command;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;

/**
 * Argon2id with OWASP's minimum settings (19 MiB, 2 passes, 1 lane) and a 16-byte random salt,
 * as a PHC string ({@code $argon2id$v=19$...}). Hashing is slow on purpose, so it runs on its own
 * pool: the hashes of one batch are computed side by side, off the consumer thread.
 */
public final class PasswordHasher {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    private final ExecutorService pool;

    public PasswordHasher(ExecutorService pool) {
        this.pool = pool;
    }

    public CompletionStage<String> hash(String password) {
        return CompletableFuture.supplyAsync(() -> Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult(), pool);
    }

    /** Whether the password matches a hash made by {@link #hash}. */
    public static boolean matches(String password, String hash) {
        return Password.check(password, hash).with(ARGON2ID);
    }
}
