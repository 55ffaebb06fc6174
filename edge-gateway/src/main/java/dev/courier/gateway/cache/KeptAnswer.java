package dev.courier.gateway.cache;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Optional;

/**
 * An OK answer as it went on the wire, kept to be served again: its JSON body, its
 * {@code Location} if any, and its strong entity tag (a digest of the body).
 */
public record KeptAnswer(byte[] body, Optional<String> location, String etag) {

    public static KeptAnswer of(byte[] body, Optional<String> location) {
        return new KeptAnswer(body, location, etagOf(body));
    }

    /** A strong validator: 96 bits of the body's SHA-256, so equal bodies have equal tags on every instance. */
    public static String etagOf(byte[] body) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(body);
            return '"' + Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12)) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /**
     * Whether an {@code If-None-Match} field names this tag (RFC 9110 §13.1.2: weak comparison, a
     * list of tags, or {@code *}).
     */
    public static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || (tag.startsWith("W/") ? tag.substring(2) : tag).equals(etag)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "KeptAnswer[" + new String(body, StandardCharsets.UTF_8) + ", " + location + ", " + etag + "]";
    }
}
