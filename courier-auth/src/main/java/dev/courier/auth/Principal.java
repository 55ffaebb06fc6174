package dev.courier.auth;

import java.util.Set;

/**
 * Who a verified token says the caller is, and what it may do.
 *
 * @param id the principal: the token's {@code sub}, qualified by its issuer unless that is the
 *     built-in one ({@code demo}, {@code corp:alice}); what authorship, idempotency keys and
 *     {@code /requests/{id}} are keyed by
 */
public record Principal(String id, Set<String> scopes) {

    public Principal {
        scopes = Set.copyOf(scopes);
    }
}
