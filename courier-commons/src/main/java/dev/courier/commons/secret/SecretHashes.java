package dev.courier.commons.secret;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.util.UUID;

/**
 * The one way Courier stores a secret (a user's password, an OAuth client's secret): Argon2id with
 * OWASP's minimum settings (19 MiB, 2 passes, 1 lane) and a 16-byte random salt, as a PHC string
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$...}). Slow and memory-hard on purpose: call it off any
 * event loop, on a bounded pool.
 */
public final class SecretHashes {

    private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19 * 1024, 2, 1, 32, Argon2.ID);

    private SecretHashes() {
    }

    public static String hash(String secret) {
        return Password.hash(secret).addRandomSalt(16).with(ARGON2ID).getResult();
    }

    /** Whether the secret matches a PHC hash; the hash's own parameters are used, so older settings still verify. */
    public static boolean matches(String secret, String hash) {
        return Password.check(secret, hash).with(Argon2Function.getInstanceFromHash(hash));
    }

    /** A hash of a random secret with the same parameters as {@code hash}: checking against it costs what checking against {@code hash} does. */
    public static String decoyLike(String hash) {
        return Password.hash(UUID.randomUUID().toString()).addRandomSalt(16).with(Argon2Function.getInstanceFromHash(hash)).getResult();
    }

    /** Whether a stored value is an Argon2id PHC string whose parameters can be read. */
    public static boolean isHash(String value) {
        if (value == null || !value.startsWith("$argon2id$")) {
            return false;
        }
        try {
            Argon2Function.getInstanceFromHash(value);
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }
}
