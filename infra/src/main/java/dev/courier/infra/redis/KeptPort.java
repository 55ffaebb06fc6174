package dev.courier.infra.redis;

import dev.courier.infra.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The port a server in a kept directory used last time, reused while free so its address stays the same. */
final class KeptPort {

    private static final String FILE = "port";

    private KeptPort() {
    }

    static int reuseOrPick(Path directory) {
        Path file = directory.resolve(FILE);
        try {
            if (Files.exists(file)) {
                int last = Integer.parseInt(Files.readString(file, StandardCharsets.US_ASCII).strip());
                if (FreePorts.isFree(last)) {
                    return last;
                }
            }
            int port = FreePorts.next();
            Files.createDirectories(directory);
            Files.writeString(file, Integer.toString(port), StandardCharsets.US_ASCII);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the port in " + file, e);
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + " does not hold a port number; delete it", e);
        }
    }
}
