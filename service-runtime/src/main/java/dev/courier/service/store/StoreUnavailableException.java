package dev.courier.service.store;

/** Redis could not be reached or did not answer in time; the batch is to be retried once it is back. */
public final class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(Throwable cause) {
        super("Redis is unavailable: " + cause.getMessage(), cause);
    }
}
