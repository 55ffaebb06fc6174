package dev.courier.commons.process;

import org.apache.logging.log4j.LogManager;

/**
 * Ends logging once a process has said its last line. Log4j's own shutdown hook is turned off in
 * {@code log4j2.xml}, because it runs beside the process's hook and would stop logging mid-drain.
 */
public final class ProcessLogs {

    private ProcessLogs() {
    }

    /** Call last in a shutdown hook: flushes and stops the appenders. */
    public static void stop() {
        LogManager.shutdown();
    }
}
