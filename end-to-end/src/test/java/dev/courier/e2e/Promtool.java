package dev.courier.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Prometheus's own {@code promtool}, as a test runs it. It is a system package: {@code ./test}
 * installs it (infra/scripts/install-test-tools); a test that needs it fails, with that advice,
 * rather than skipping, when it is missing.
 */
final class Promtool {

    /** promtool's exit status when the input is fine but has lint findings (a parse failure is 1). */
    static final int LINT_FINDINGS = 3;

    private Promtool() {
    }

    /** What promtool said and how it exited. */
    record Result(int exitCode, String output) {
    }

    static Result run(String stdin, String... args) {
        Path promtool = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(promtool)) {
            throw new AssertionError("promtool is missing: run ./test, or infra/scripts/install-test-tools (Debian: apt-get install prometheus)");
        }
        try {
            Process process = new ProcessBuilder(concat(promtool.toString(), args)).redirectErrorStream(true).start();
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("promtool did not finish in 60 s");
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<String> concat(String first, String... rest) {
        return Stream.concat(Stream.of(first), Arrays.stream(rest)).toList();
    }
}
