package dev.courier.infra.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process this JVM started, with its output in a log file. Stopped with SIGTERM (graceful) or
 * killed with SIGKILL. Each child runs in a session of its own (through {@code setsid} where the
 * system has it), so a terminal's Ctrl-C reaches only this JVM; one shutdown hook then stops the
 * children still running, newest first, each given its grace period: what was started on top of
 * something (the gateway on the services, the services on Kafka and Redis) stops before it.
 */
public final class ChildProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ChildProcess.class);
    private static final Optional<String> SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
            .filter(path -> Files.isExecutable(Path.of(path))).findFirst();

    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
    /** Children not yet stopped, newest first. */
    private static final Deque<ChildProcess> RUNNING = new ConcurrentLinkedDeque<>();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(child -> child.stop(SHUTDOWN_GRACE)), "stop-child-processes"));
    }

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
        RUNNING.push(this);
    }

    /**
     * Starts {@code mainClass} in a JVM of its own, on this JVM's classpath (a test's, say), with one
     * config file, and waits until its log shows {@code readyLine}: a process to crash or stop in a test.
     */
    public static ChildProcess startJava(String name, Class<?> mainClass, Path configFile, Path logFile, String readyLine) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ChildProcess child = start(name, List.of(java, "-cp", System.getProperty("java.class.path"), mainClass.getName(),
                configFile.toString()), logFile);
        Await.until(name + " to start", Duration.ofSeconds(90), () -> child.logTail(200).contains(readyLine), () -> child.logTail(30));
        return child;
    }

    /**
     * Starts the command with stdout and stderr appended to the log file. A child is configured by
     * its command line and the files its starter writes: this process's {@code COURIER_*} variables
     * (the launcher's own, like {@code COURIER_HTTP_PORT}) are not passed on, or they would override
     * the key of that name in every child.
     */
    public static ChildProcess start(String name, List<String> command, Path logFile) {
        try {
            Files.createDirectories(logFile.getParent());
            List<String> inOwnSession = SETSID.map(setsid -> Stream.concat(Stream.of(setsid), command.stream()).toList()).orElse(command);
            ProcessBuilder builder = new ProcessBuilder(inOwnSession)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            builder.environment().keySet().removeIf(variable -> variable.startsWith("COURIER_"));
            Process process = builder.start();
            LOG.info("started child process name={} pid={} log={}", name, process.pid(), logFile);
            return new ChildProcess(name, process, logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + command.get(0), e);
        }
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, then SIGKILL if it has not exited within the grace period. */
    public void stop(Duration grace) {
        process.destroy();
        awaitExit(grace);
    }

    /** SIGKILL: no chance to clean up, as in a crash. */
    public void kill() {
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(10));
    }

    private void awaitExit(Duration grace) {
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("child process did not stop in time, killing name={} pid={}", name, process.pid());
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        RUNNING.remove(this);
        LOG.info("child process ended name={} pid={} exit={}", name, process.pid(), process.isAlive() ? "running" : process.exitValue());
    }

    /** The last lines of the log, for error messages when the process fails to come up. */
    public String logTail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public String toString() {
        return name + " (pid " + process.pid() + ")";
    }
}
