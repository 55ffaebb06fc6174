package dev.courier.auth;

import java.time.Instant;

/** The result of checking a request's bearer token: a value, never an exception. */
public sealed interface Authentication {

    /** @param expiresAt the token's {@code exp} */
    record Authenticated(Principal principal, Instant expiresAt) implements Authentication {
    }

    /** No token at all: RFC 6750 says to answer without an error code. */
    record Missing() implements Authentication {
    }

    /**
     * A token (or an Authorization header) that cannot be accepted.
     *
     * @param error {@code invalid_request} or {@code invalid_token}
     * @param description one line for the client; never echoes the token
     */
    record Rejected(String error, String description) implements Authentication {
    }
}
