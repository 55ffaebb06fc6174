package dev.courier.auth;

import java.util.List;
import java.util.Set;

/**
 * Whether an authentication may do what needs these scopes, and if not, the answer the caller gets:
 * its status, a problem type and text, and the RFC 6750 {@code WWW-Authenticate} challenge. Every
 * HTTP surface that takes bearer tokens answers the same way.
 */
public sealed interface Access {

    record Granted(Principal principal) implements Access {
    }

    /**
     * @param type the last segment of the problem's type URI
     * @param challenge the {@code WWW-Authenticate} value
     */
    record Denied(int status, String type, String title, String detail, String challenge) implements Access {
    }

    static Access check(Authentication authentication, Set<String> scopes) {
        if (authentication instanceof Authentication.Missing) {
            return new Denied(401, "unauthorized", "Authentication required", "send a bearer token in the Authorization header",
                    BearerChallenge.missing());
        }
        if (authentication instanceof Authentication.Rejected rejected) {
            int status = rejected.error().equals("invalid_request") ? 400 : 401;
            return new Denied(status, "invalid-token", "The bearer token was not accepted", rejected.description(),
                    BearerChallenge.rejected(rejected));
        }
        Principal principal = ((Authentication.Authenticated) authentication).principal();
        List<String> missing = scopes.stream().filter(scope -> !principal.scopes().contains(scope)).sorted().toList();
        if (!missing.isEmpty()) {
            return new Denied(403, "insufficient-scope", "The token lacks a required scope", "missing scope: " + String.join(" ", missing),
                    BearerChallenge.insufficientScope(scopes.stream().sorted().toList()));
        }
        return new Granted(principal);
    }
}
