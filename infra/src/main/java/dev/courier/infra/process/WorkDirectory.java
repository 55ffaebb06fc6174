package dev.courier.infra.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where brokers and Redis keep their data: under the {@value #PROPERTY} system property when set
 * (the build points it into target/), else the system temp directory.
 */
public final class WorkDirectory {

    public static final String PROPERTY = "courier.infra.workDir";

    private WorkDirectory() {
    }

    /** A new, empty directory for one server or cluster. */
    public static Path createTemp(String prefix) {
        try {
            String base = System.getProperty(PROPERTY);
            if (base == null) {
                return Files.createTempDirectory(prefix);
            }
            Path root = Files.createDirectories(Path.of(base));
            return Files.createTempDirectory(root, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a work directory", e);
        }
    }

    /** Deletes the directory and everything in it. */
    public static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + directory, e);
        }
    }
}
