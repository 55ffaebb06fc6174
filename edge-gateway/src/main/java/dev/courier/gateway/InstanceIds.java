package dev.courier.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The instance id names this gateway's reply lease; kept in the data directory so a restart is the same instance. */
final class InstanceIds {

    private InstanceIds() {
    }

    static String readOrCreate(Path dataDir) {
        Path file = dataDir.resolve("instance-id");
        try {
            if (Files.exists(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(dataDir);
            String id = "gw-" + UUID.randomUUID().toString().substring(0, 8);
            Files.writeString(file, id + "\n");
            return id;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the instance id in " + file, e);
        }
    }
}
