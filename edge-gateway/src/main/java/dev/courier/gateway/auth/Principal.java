package dev.courier.gateway.auth;

import java.util.Set;

/** Who a verified token says the caller is, and what it may do. */
public record Principal(String subject, Set<String> scopes) {

    public Principal {
        scopes = Set.copyOf(scopes);
    }
}
