package dev.courier.infra.dev;

import dev.courier.infra.process.ChildProcess;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Courier's own processes for the dev run: each module in its own JVM, as in production, started
 * from the classpath Maven wrote to {@code <module>/target/runtime-classpath.txt}.
 */
final class StackProcesses implements AutoCloseable {

    private final Path root;
    private final Path logs;
    private final List<ChildProcess> started = new ArrayList<>();

    StackProcesses(Path root, Path logs) {
        this.root = root;
        this.logs = logs;
    }

    /** Whether every module has been built, so the whole stack can run. */
    static boolean built(Path root, List<String> modules) {
        return root != null && modules.stream().allMatch(module -> Files.exists(classpathFile(root, module)));
    }

    ChildProcess start(String module, String mainClass, Path config) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = root.resolve("infra/target/classes") + File.pathSeparator
                + root.resolve(module).resolve("target/classes") + File.pathSeparator
                + read(classpathFile(root, module));
        List<String> command = List.of(java, "-Xmx512m", "-XX:+UseSerialGC",
                "-Xlog:gc:file=" + logs.resolve(module + "-gc.log") + ":time,uptime,level,tags", "-cp", classpath, OrphanGuard.class.getName(),
                Long.toString(ProcessHandle.current().pid()), mainClass, config.toString());
        ChildProcess process = ChildProcess.start(module, command, logs.resolve(module + ".log"));
        started.add(process);
        return process;
    }

    /** The process id of a module's process. */
    long pid(String module) {
        return started.stream().filter(process -> process.name().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(module + " was not started")).pid();
    }

    /** The first process that has died, if any. */
    java.util.Optional<ChildProcess> dead() {
        return started.stream().filter(process -> !process.isAlive()).findFirst();
    }

    /** Stops them newest first (the gateway drains before the services go), each with a grace period. */
    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).stop(Duration.ofSeconds(20));
        }
    }

    private static Path classpathFile(Path root, String module) {
        return root.resolve(module).resolve("target/runtime-classpath.txt");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
