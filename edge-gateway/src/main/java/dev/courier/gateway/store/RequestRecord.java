package dev.courier.gateway.store;

import java.util.Optional;

/**
 * What the gateway remembers of a request.
 *
 * @param fingerprint a hash of the route and the command it became: the same idempotent request has the same one
 * @param reply the reply's bytes once it arrived
 */
public record RequestRecord(String principal, String fingerprint, String route, Optional<byte[]> reply) {
}
