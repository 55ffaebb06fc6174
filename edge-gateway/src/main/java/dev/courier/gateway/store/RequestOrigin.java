package dev.courier.gateway.store;

/**
 * Who sent a request and what it was: enough to answer {@code /requests/{id}} to its principal only
 * and to tell a retry from a reuse of its Idempotency-Key.
 *
 * @param fingerprint a hash of the route and the command it became: the same request has the same one
 */
public record RequestOrigin(String principal, String fingerprint, String route) {
}
