package dev.courier.service.store;

import java.io.IOException;
import org.redisson.client.RedisException;
import org.redisson.client.RedisNoScriptException;

/** Tells an unreachable or overloaded store, which is worth waiting for, from a bug, which is not. */
public final class StoreFailures {

    private StoreFailures() {
    }

    /**
     * True when the failure says Redis could not be reached or could not answer in time: Redisson's
     * connection, timeout, loading, busy and fail-over exceptions, and plain I/O errors. A bare
     * {@code RedisException} is an error reply (a script bug, a wrong type) and is not.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RedisException && cause.getClass() != RedisException.class
                    && !(cause instanceof RedisNoScriptException)) {
                return true;
            }
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
