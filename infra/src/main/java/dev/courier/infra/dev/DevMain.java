package dev.courier.infra.dev;

import dev.courier.infra.kafka.KafkaCluster;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisServer;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

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

    private static final List<String> MODULES = List.of("blog-service", "user-service", "edge-gateway");

    private DevMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path data = Path.of(args.length > 0 ? args[0] : ".courier").toAbsolutePath();
        Path root = Optional.ofNullable(System.getProperty("courier.root")).map(Path::of).orElse(null);
        boolean wholeStack = StackProcesses.built(root, MODULES);
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
        StackProcesses processes = new StackProcesses(root, data.resolve("logs"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("Stopping the gateway, the services, Redis and Kafka ...");
            processes.close();
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
            startServices(processes, data, kafka.bootstrapServers(), redis.uri(), port, demo);
            out.printf("  Gateway                  http://127.0.0.1:%d%n", port);
            printFirstRequests(out, port, demo);
        }
        out.printf("  Started in               %d ms%n%n", (System.nanoTime() - started) / 1_000_000);
        out.println(READY + " Press Ctrl-C to stop.");
        stopped.await();
    }

    private static void startServices(StackProcesses processes, Path data, String bootstrap, String redis, int port, DemoClient demo) {
        Path gatewayData = data.resolve("gateway");
        demo.writeClientsFile(gatewayData.resolve("clients.yaml"));
        String common = "kafka.bootstrap.servers=" + bootstrap + "\nredis.address=" + redis + "\n";
        processes.start("blog-service", "dev.courier.blog.BlogService", write(data.resolve("blog-service.properties"), common));
        processes.start("user-service", "dev.courier.user.UserService", write(data.resolve("user-service.properties"), common));
        processes.start("edge-gateway", "dev.courier.gateway.GatewayMain", write(data.resolve("gateway.properties"), common
                + "http.port=" + port + "\ndata.dir=" + gatewayData + "\nissuer.clients-file=" + gatewayData.resolve("clients.yaml") + "\n"));
        awaitReady(processes, port);
    }

    private static void awaitReady(StackProcesses processes, int port) {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).timeout(Duration.ofSeconds(2)).build();
        Await.until("the gateway to be ready", Duration.ofMinutes(3), () -> {
            processes.dead().ifPresent(dead -> {
                throw new IllegalStateException(dead + " exited during start-up:\n" + dead.logTail(40));
            });
            try {
                return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, () -> "see the logs under the data directory");
    }

    private static void printFirstRequests(PrintStream out, int port, DemoClient demo) {
        String base = "http://127.0.0.1:" + port;
        out.printf("%nGet a token (client %s, secret printed here only):%n%n", demo.id());
        out.printf("  TOKEN=$(curl -s -u %s:%s -d grant_type=client_credentials %s/oauth2/token | sed -E 's/.*\"access_token\":\"([^\"]+)\".*/\\1/')%n%n",
                demo.id(), demo.secret(), base);
        out.printf("Create a post:%n%n  curl -i -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\%n"
                + "       -d '{\"title\":\"Hello\",\"content\":\"My first post\"}' %s/posts%n%n", base);
    }

    private static Path write(Path file, String properties) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, properties);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
