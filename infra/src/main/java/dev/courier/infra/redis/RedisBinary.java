package dev.courier.infra.redis;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import redis.embedded.core.ExecutableProvider;

/**
 * The {@code redis-server} to run: the system's where one is on PATH (or named by
 * {@value #PROPERTY}), else the binary shipped in the embedded-redis artifact.
 */
public final class RedisBinary {

    /** System property naming a redis-server executable to use. */
    public static final String PROPERTY = "courier.redis.server";

    private RedisBinary() {
    }

    public static Path locate() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return requireExecutable(Path.of(configured));
        }
        return onPath().orElseGet(RedisBinary::embedded);
    }

    private static Optional<Path> onPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private static Path embedded() {
        try {
            File binary = ExecutableProvider.newJarResourceProvider().get();
            if (!binary.canExecute() && !binary.setExecutable(true)) {
                throw new IllegalStateException("cannot make " + binary + " executable");
            }
            return binary.toPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the embedded redis-server", e);
        }
    }

    private static Path requireExecutable(Path binary) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException(PROPERTY + " names " + binary + ", which is not an executable file");
        }
        return binary;
    }
}
