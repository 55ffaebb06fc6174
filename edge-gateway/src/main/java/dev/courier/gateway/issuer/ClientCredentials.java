package dev.courier.gateway.issuer;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How a client authenticated at the token endpoint (RFC 6749 section 2.3.1): HTTP Basic with the
 * form-encoded id and secret, or {@code client_id} and {@code client_secret} in the form, never
 * both in one request.
 */
public final class ClientCredentials {

    /** What the request presented. */
    public sealed interface Presented {
    }

    /** An id and a secret to check. */
    public record Secret(String clientId, String secret) implements Presented {
        @Override
        public String toString() {
            return "Secret[clientId=" + clientId + "]";
        }
    }

    /** No client authentication at all, or a scheme the endpoint does not take: 401. */
    public record Missing(String reason) implements Presented {
    }

    /** Malformed, or more than one method: 400 {@code invalid_request}. */
    public record Invalid(String reason) implements Presented {
    }

    private ClientCredentials() {
    }

    public static Presented of(String authorization, FormBody.Form form) {
        boolean inForm = form.get("client_id").isPresent() || form.get("client_secret").isPresent();
        if (authorization != null) {
            if (inForm) {
                return new Invalid("authenticate either with HTTP Basic or with client_id and client_secret in the form, not both");
            }
            return basic(authorization);
        }
        if (!inForm) {
            return new Missing("client authentication is required");
        }
        Optional<String> id = form.get("client_id");
        Optional<String> secret = form.get("client_secret");
        if (id.isEmpty() || secret.isEmpty()) {
            return new Missing("client_id and client_secret are both required");
        }
        return new Secret(id.get(), secret.get());
    }

    private static Presented basic(String authorization) {
        if (!authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return new Missing("only HTTP Basic client authentication is accepted here");
        }
        String decoded;
        try {
            decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return new Invalid("the Basic credentials are not base64");
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return new Invalid("the Basic credentials hold no ':'");
        }
        // Both parts are form-encoded before Basic encoding (RFC 6749 section 2.3.1).
        Optional<String> id = FormBody.decode(decoded.substring(0, colon));
        Optional<String> secret = FormBody.decode(decoded.substring(colon + 1));
        if (id.isEmpty() || secret.isEmpty()) {
            return new Invalid("the Basic credentials have a broken %-escape or are not UTF-8");
        }
        return new Secret(id.get(), secret.get());
    }
}
