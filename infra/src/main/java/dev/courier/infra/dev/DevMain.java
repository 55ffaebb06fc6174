package dev.courier.infra.dev;

import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.redis.RedisServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The dev run: a real single-node Kafka (its own JVM) and Redis on 127.0.0.1, then, when the
 * modules are built ({@code -Dcourier.root=<project dir>}), the blog service, the user service and
 * the gateway, each in its own JVM. Data and logs go under one directory (default {@code .courier},
 * or the first argument) that can be deleted to start fresh. Prints a ready token command and a
 * first request; Ctrl-C stops everything.
 */
public final class DevMain {

    /** Printed once everything is up; tests and scripts wait for it. */
    public static final String READY = "Courier is ready.";

    private DevMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        // Before any logger exists: the terminal is for the user, not for the processes' INFO lines.
        System.setProperty("log4j2.configurationFile", "log4j2-launcher.xml");
        Path data = Path.of(args.length > 0 ? args[0] : ".courier").toAbsolutePath();
        Path root = Optional.ofNullable(System.getProperty("courier.root")).map(Path::of).orElse(null);
        boolean wholeStack = CourierServices.built(root);
        PrintStream out = System.out;
        long started = System.nanoTime();
        out.println("Starting Kafka and Redis" + (wholeStack ? ", then both services and the gateway" : "") + ", data in " + data + " ...");

        KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).directory(data.resolve("kafka")).start();
        RedisServer redis;
        try {
            redis = RedisServer.builder().directory(data.resolve("redis")).start();
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        AtomicReference<CourierServices> services = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the gateway, the services, Redis and Kafka ...");
            Optional.ofNullable(services.get()).ifPresent(CourierServices::close);
            redis.close();
            kafka.close();
            out.println("Stopped. Data kept in " + data + " (delete it to start fresh).");
            stopped.countDown();
        }, "courier-dev-shutdown"));

        out.printf("%n  Kafka bootstrap servers  %s%n  Redis                    %s%n  Data and logs            %s%n",
                kafka.bootstrapServers(), redis.uri(), data);
        if (wholeStack) {
            int port = Integer.parseInt(Optional.ofNullable(System.getenv("COURIER_HTTP_PORT")).orElse("8080"));
            DemoClient demo = DemoClient.create();
            services.set(CourierServices.start(root, data, kafka.bootstrapServers(), redis.uri(), CourierServices.Ports.from(port), demo));
            out.printf("  Gateway                  http://127.0.0.1:%d%n", port);
            printFirstRequests(out, port, demo);
        }
        out.printf("  Started in               %d ms%n%n", (System.nanoTime() - started) / 1_000_000);
        out.println(READY + " Press Ctrl-C to stop.");
        stopped.await();
    }

    private static void printFirstRequests(PrintStream out, int port, DemoClient demo) {
        String base = "http://127.0.0.1:" + port;
        out.printf("%nGet a token (client %s, secret printed here only):%n%n", demo.id());
        out.printf("  TOKEN=$(curl -s -u %s:%s -d grant_type=client_credentials %s/oauth2/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')%n%n",
                demo.id(), demo.secret(), base);
        out.printf("Create a post:%n%n  curl -i -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\%n"
                + "       -d '{\"title\":\"Hello\",\"content\":\"My first post\"}' %s/posts%n%n", base);
    }
}
