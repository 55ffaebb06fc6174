package dev.courier.infra.dev;

import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.redis.RedisServer;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The dev run: a real single-node Kafka (its own JVM) and Redis on 127.0.0.1, then, when the
 * modules are built ({@code -Dcourier.root=<project dir>}), the lag monitor, the blog service, the
 * user service, the streams processors and the gateway, each in its own JVM. Data and logs go under one directory (default {@code .courier},
 * or the first argument) that can be deleted to start fresh. Prints a ready token command and a
 * first request; Ctrl-C stops everything.
 */
public final class DevMain {

    /** One started part: its name, where it is, how long it took. */
    private static final String ROW = "  %-18s %-40s %8s%n";

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
        out.println("Starting Kafka and Redis" + (wholeStack ? ", then the lag monitor, both services, the streams processors and the gateway" : "")
                + "; data and logs in " + data);

        long step = System.nanoTime();
        KafkaCluster kafka = KafkaCluster.builder().mode(KafkaCluster.Mode.CHILD_PROCESS).directory(data.resolve("kafka")).start();
        out.printf(ROW, "Kafka", kafka.bootstrapServers(), seconds(System.nanoTime() - step));
        RedisServer redis;
        try {
            step = System.nanoTime();
            redis = RedisServer.builder().directory(data.resolve("redis")).start();
            out.printf(ROW, "Redis", redis.uri(), seconds(System.nanoTime() - step));
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        AtomicReference<CourierServices> services = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the gateway, the streams processors, the services, the lag monitor, Redis and Kafka ...");
            Optional.ofNullable(services.get()).ifPresent(CourierServices::close);
            redis.close();
            kafka.close();
            out.println("Stopped. Data kept in " + data + " (delete it to start fresh).");
            stopped.countDown();
        }, "courier-dev-shutdown"));

        if (wholeStack) {
            int port = Integer.parseInt(Optional.ofNullable(System.getenv("COURIER_HTTP_PORT")).orElse("8080"));
            DemoClient demo = DemoClient.create();
            CourierServices.Ports ports = CourierServices.Ports.from(port);
            services.set(CourierServices.start(root, data, kafka.bootstrapServers(), redis.uri(), ports, demo, CourierServices.Settings.none(),
                    (module, after) -> out.printf(ROW, module, ports.readiness().get(module), seconds(after.toNanos()))));
            Map<String, URI> metrics = ports.metrics();
            out.printf("%n  Gateway            http://127.0.0.1:%d%n  Lag dashboard      http://127.0.0.1:%d/%n", port, ports.lagMonitor());
            String label = "  Metrics            ";
            for (Map.Entry<String, URI> endpoint : metrics.entrySet()) {
                out.printf("%s%-36s %s%n", label, endpoint.getValue(), endpoint.getKey());
                label = "                     ";
            }
            printFirstRequests(out, port, demo);
        } else {
            out.println();
        }
        out.printf("Started in %s.%n", seconds(System.nanoTime() - started));
        out.println(READY + " Press Ctrl-C to stop.");
        stopped.await();
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
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
