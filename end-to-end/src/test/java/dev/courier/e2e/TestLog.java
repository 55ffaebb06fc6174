package dev.courier.e2e;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The log this test JVM writes (see log4j2-test.xml), read from a mark on: what a test's requests made the gateway log. */
final class TestLog {

    private static final Path FILE = Path.of("target/end-to-end.log");

    private TestLog() {
    }

    /** Where the log ends now. */
    static long mark() {
        try {
            return Files.exists(FILE) ? Files.size(FILE) : 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Everything logged since the mark. */
    static String since(long mark) {
        try (RandomAccessFile file = new RandomAccessFile(FILE.toFile(), "r")) {
            byte[] bytes = new byte[(int) Math.max(0, file.length() - mark)];
            file.seek(mark);
            file.readFully(bytes);
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
