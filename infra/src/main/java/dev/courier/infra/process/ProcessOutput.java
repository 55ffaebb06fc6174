package dev.courier.infra.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** What a started process prints, read as it comes. */
public final class ProcessOutput {

    private ProcessOutput() {
    }

    /**
     * The lines a process prints before the first one starting with {@code prefix}; fails with what
     * it printed when its output ends first. What it prints afterwards goes to {@code rest}, read on
     * a daemon thread: a process whose output nobody reads blocks once the pipe is full, and could
     * then not even stop.
     */
    public static List<String> linesUntil(Process process, String prefix, Consumer<String> rest) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith(prefix)) {
                    drain(reader, rest, process.pid());
                    return lines;
                }
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the process ended its output before '" + prefix + "':\n" + String.join("\n", lines));
    }

    /** {@link #linesUntil(Process, String, Consumer)}, dropping what comes after. */
    public static List<String> linesUntil(Process process, String prefix) {
        return linesUntil(process, prefix, line -> { });
    }

    private static void drain(BufferedReader reader, Consumer<String> rest, long pid) {
        Thread drainer = new Thread(() -> {
            try {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    rest.accept(line);
                }
            } catch (IOException e) {
                // The process is gone and its pipe closed: nothing more to read.
            }
        }, "output-of-" + pid);
        drainer.setDaemon(true);
        drainer.start();
    }
}
