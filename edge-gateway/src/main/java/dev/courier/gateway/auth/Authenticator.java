package dev.courier.gateway.auth;

import java.util.regex.Pattern;

/** Reads the bearer token of an Authorization header (RFC 6750 section 2.1) and verifies it. */
public final class Authenticator {

    private static final Pattern TOKEN68 = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final TokenVerifier verifier;
    private final boolean mayBlock;

    /** @param mayBlock whether verification can fetch keys over the network, so must run off the event loop */
    public Authenticator(TokenVerifier verifier, boolean mayBlock) {
        this.verifier = verifier;
        this.mayBlock = mayBlock;
    }

    public Authentication authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            return new Authentication.Missing();
        }
        int space = authorization.indexOf(' ');
        if (space < 0 || !authorization.substring(0, space).equalsIgnoreCase("Bearer")) {
            return new Authentication.Missing();
        }
        String token = authorization.substring(space + 1).trim();
        if (!TOKEN68.matcher(token).matches()) {
            return new Authentication.Rejected("invalid_request", "the Authorization header does not hold a bearer token");
        }
        return verifier.verify(token);
    }

    public boolean mayBlock() {
        return mayBlock;
    }
}
