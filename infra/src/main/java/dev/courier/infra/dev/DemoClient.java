package dev.courier.infra.dev;

import dev.courier.commons.secret.SecretHashes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HexFormat;

/** The dev run's OAuth client: a fresh secret each run, stored for the gateway only as an Argon2id hash. */
public record DemoClient(String id, String secret) {

    static final String SCOPES = "[blog:read, blog:write, user:read, user:write, ops:read]";

    public static DemoClient create() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return new DemoClient("demo", HexFormat.of().formatHex(random));
    }

    /** Writes the gateway's clients file with this client in it. */
    void writeClientsFile(Path file) {
        String hash = SecretHashes.hash(secret);
        String yaml = "# Written by the dev launcher on every start; the secret is printed, never stored.\n"
                + "clients:\n  - id: " + id + "\n    secret-hash: \"" + hash + "\"\n    scopes: " + SCOPES + "\n";
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
