package dev.courier.infra.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** What a started process prints, read as it comes. */
public final class ProcessOutput {

    private ProcessOutput() {
    }

    /**
     * The lines a process prints before the first one starting with {@code prefix}; fails with what
     * it printed when its output ends first.
     */
    public static List<String> linesUntil(Process process, String prefix) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        try {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith(prefix)) {
                    return lines;
                }
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the process ended its output before '" + prefix + "':\n" + String.join("\n", lines));
    }
}
