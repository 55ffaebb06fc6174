package dev.courier.commons.process;

import dev.courier.commons.config.ConfigException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every Courier {@code main} does, alike in each process: read the config (a bad one prints the
 * key and exits 2), start (a failed start logs why and exits 1), drain on SIGTERM, and exit 70 when
 * the process can no longer work, so a supervisor restarts it.
 */
public final class ProcessMain {

    /** Exit status of a bad configuration (as {@code EX_USAGE}-style tools do). */
    public static final int BAD_CONFIG = 2;
    /** Exit status when start-up failed. */
    public static final int START_FAILED = 1;
    /** Exit status when a running process lost a part it cannot work without ({@code EX_SOFTWARE}). */
    public static final int FAILED = 70;

    private static final Logger LOG = LoggerFactory.getLogger(ProcessMain.class);

    private ProcessMain() {
    }

    /**
     * @param name the process name for messages, e.g. {@code blog-service}
     * @param args at most one argument: a config file
     * @param load reads the config from the file (null when none); throws {@link ConfigException}
     * @param start starts the process from its config
     */
    public static <C> void run(String name, String[] args, Function<Path, C> load, Function<C, RunningProcess> start) {
        PrintStream err = System.err;
        if (args.length > 1) {
            err.println("usage: " + name + " [config.properties]");
            exit(BAD_CONFIG);
        }
        C config;
        try {
            config = load.apply(args.length == 1 ? Path.of(args[0]) : null);
        } catch (ConfigException | UncheckedIOException e) {
            err.println(name + ": bad configuration: " + e.getMessage());
            exit(BAD_CONFIG);
            return;
        }
        RunningProcess process;
        try {
            process = start.apply(config);
        } catch (ConfigException e) {
            err.println(name + ": bad configuration: " + e.getMessage());
            exit(BAD_CONFIG);
            return;
        } catch (RuntimeException e) {
            LOG.error("start failed process={} error={}", name, e.toString(), e);
            exit(START_FAILED);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            process.close();
            ProcessLogs.stop();
        }, name + "-shutdown"));
        String reason = process.failed().toCompletableFuture().join();
        LOG.error("process cannot go on, stopping process={} reason={}", name, reason);
        exit(FAILED);
    }

    private static void exit(int status) {
        if (status != FAILED) {
            ProcessLogs.stop();
        }
        // FAILED exits through the shutdown hook, which drains and stops logging last.
        System.exit(status);
    }
}
