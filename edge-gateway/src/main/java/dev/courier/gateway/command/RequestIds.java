package dev.courier.gateway.command;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids: random, or derived from an {@code Idempotency-Key} and the caller so a retry gets the same one. */
public final class RequestIds {

    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final Pattern CORRELATION_ID = Pattern.compile("[A-Za-z0-9._:/+=-]{1,128}");

    private RequestIds() {
    }

    public static String random() {
        return UUID.randomUUID().toString();
    }

    /**
     * A name-based UUID (version 8) from SHA-256 of principal and key: two callers using the same
     * key never share a request.
     */
    public static String derived(String principal, String idempotencyKey) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(principal.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            byte[] hash = sha.digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) (hash[6] & 0x0f | 0x80);
            hash[8] = (byte) (hash[8] & 0x3f | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong()).toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * The key of an {@code Idempotency-Key} header (a structured-field string, quotes optional), or
     * empty when it is not 1 to 255 printable ASCII characters.
     */
    public static Optional<String> idempotencyKey(String header) {
        String key = header.length() >= 2 && header.startsWith("\"") && header.endsWith("\"")
                ? header.substring(1, header.length() - 1) : header;
        return IDEMPOTENCY_KEY.matcher(key).matches() ? Optional.of(key) : Optional.empty();
    }

    /** The client's correlation id when well-formed, else the request id. */
    public static String correlationId(String header, String requestId) {
        return header != null && CORRELATION_ID.matcher(header).matches() ? header : requestId;
    }
}
