package dev.courier.infra.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * Entry point of a Kafka node in a child JVM: {@code <server.properties> <cluster id> <parent pid>}.
 * Formats the storage on first start, runs the node, shuts it down cleanly on SIGTERM, and exits
 * when the parent process ends so that no broker outlives the JVM that started it.
 */
public final class KafkaNodeMain {

    private static final String LOG_CONFIG = "courier-kafka-node-log4j2.xml";

    private KafkaNodeMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            System.err.println("usage: KafkaNodeMain <server.properties> <cluster id> <parent pid>");
            System.exit(2);
        }
        Path propertiesFile = Path.of(args[0]);
        KafkaStorage.formatIfNeeded(propertiesFile, args[1]);
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(propertiesFile)) {
            props.load(in);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(props, false), Time.SYSTEM);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "kafka-node-shutdown"));
        ProcessHandle.of(Long.parseLong(args[2])).ifPresentOrElse(
                parent -> parent.onExit().thenRun(() -> System.exit(0)),
                () -> System.exit(0));
        server.startup();
        server.awaitShutdown();
    }

    /** Copies the node's log4j2 configuration into its directory and returns the path. */
    static Path writeLogConfig(Path directory) {
        Path target = directory.resolve("log4j2.xml");
        try (InputStream in = KafkaNodeMain.class.getClassLoader().getResourceAsStream(LOG_CONFIG)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + LOG_CONFIG);
            }
            Files.createDirectories(directory);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + target, e);
        }
    }
}
