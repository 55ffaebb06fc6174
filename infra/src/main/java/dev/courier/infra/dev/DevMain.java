package dev.courier.infra.dev;

import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.redis.RedisServer;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * The dev run: a real single-node Kafka (its own JVM) and Redis on 127.0.0.1, data under one
 * directory (default {@code .courier}, or the first argument) that survives restarts and can be
 * deleted to start fresh. Prints where they listen; Ctrl-C stops both.
 */
public final class DevMain {

    /** Printed once everything is up; tests and scripts wait for it. */
    public static final String READY = "Courier is ready.";

    private DevMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path data = Path.of(args.length > 0 ? args[0] : ".courier").toAbsolutePath();
        PrintStream out = System.out;
        long started = System.nanoTime();
        out.println("Starting Kafka and Redis, data in " + data + " ...");

        KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).directory(data.resolve("kafka")).start();
        RedisServer redis;
        try {
            redis = RedisServer.builder().directory(data.resolve("redis")).start();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping Redis and Kafka ...");
            redis.close();
            kafka.close();
            out.println("Stopped. Data kept in " + data + " (delete it to start fresh).");
            stopped.countDown();
        }, "courier-dev-shutdown"));

        out.printf("%n  Kafka bootstrap servers  %s%n  Redis                    %s%n  Data                     %s%n  Started in               %d ms%n%n",
                kafka.bootstrapServers(), redis.uri(), data, (System.nanoTime() - started) / 1_000_000);
        out.println(READY + " Press Ctrl-C to stop.");
        stopped.await();
    }
}
