package dev.courier.gateway.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** What makes two requests "the same request": the route and the exact command it became. */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String of(String route, byte[] command) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(route.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(sha.digest(command));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
