package dev.courier.infra.kafka;

import dev.courier.infra.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A node running in its own JVM (see {@link KafkaNodeMain}), on this JVM's classpath. It can be
 * killed with SIGKILL and restarted on the same data, and it exits by itself when this JVM ends.
 */
final class ChildProcessKafkaNode extends LocalKafkaNode {

    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final boolean fullJit;
    private ChildProcess process;

    ChildProcessKafkaNode(KafkaNodeConfig config, String clusterId, boolean fullJit) {
        super(config, clusterId);
        this.fullJit = fullJit;
    }

    @Override
    protected void launch() {
        Path properties = config.writeProperties();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java,
                "-Xms128m", "-Xmx768m", "-XX:+UseSerialGC", fullJit ? "-XX:+TieredCompilation" : "-XX:TieredStopAtLevel=1",
                "-Djava.awt.headless=true",
                "-Xlog:gc:file=" + config.directory().resolve("gc.log") + ":time,uptime,level,tags",
                "-Dlog4j2.configurationFile=" + KafkaNodeMain.writeLogConfig(config.directory()),
                "-cp", System.getProperty("java.class.path"),
                KafkaNodeMain.class.getName(),
                properties.toString(), clusterId, Long.toString(ProcessHandle.current().pid()));
        process = ChildProcess.start("kafka-" + config.nodeId(), command, config.logFile());
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.stop(STOP_GRACE);
            process = null;
        }
    }

    @Override
    public synchronized void kill() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    @Override
    public synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    /** The last lines of the node's log, for failure messages. */
    synchronized String logTail() {
        return process == null ? "" : process.logTail(40);
    }
}
