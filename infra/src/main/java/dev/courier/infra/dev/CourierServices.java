package dev.courier.infra.dev;

import dev.courier.infra.process.Await;
import dev.courier.infra.process.FreePorts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Courier's own modules (both services and the gateway) running as processes against a given Kafka
 * and Redis, as in production: what {@code ./courier} runs, and what the gateway benchmark measures.
 */
public final class CourierServices implements AutoCloseable {

    private static final List<String> MODULES = List.of("blog-service", "user-service", "edge-gateway");

    private final StackProcesses processes;
    private final int port;

    private CourierServices(StackProcesses processes, int port) {
        this.processes = processes;
        this.port = port;
    }

    /** Whether every module under {@code root} has been built, so the services can run. */
    public static boolean built(Path root) {
        return StackProcesses.built(root, MODULES);
    }

    /**
     * The ports the processes listen on: the gateway's HTTP port, and each process's management
     * listener (health, metrics).
     */
    public record Ports(int gateway, int blogManagement, int userManagement, int gatewayManagement) {

        /** The gateway on {@code gateway}, the management listeners on the ports after it. */
        public static Ports from(int gateway) {
            return new Ports(gateway, gateway + 1, gateway + 2, gateway + 3);
        }

        /** Free ports for all: for tests and benchmarks that run beside anything else. */
        public static Ports free() {
            return new Ports(FreePorts.next(), FreePorts.next(), FreePorts.next(), FreePorts.next());
        }
    }

    /**
     * Starts the services and the gateway, with {@code client} as the gateway's one OAuth client,
     * and returns once the gateway is ready. Config, data and logs go under {@code data}.
     */
    public static CourierServices start(Path root, Path data, String bootstrap, String redis, Ports ports, DemoClient client) {
        return start(root, data, bootstrap, redis, ports, client, Map.of());
    }

    /** As above, with more gateway settings (config keys and values), e.g. for a benchmark. */
    public static CourierServices start(Path root, Path data, String bootstrap, String redis, Ports ports, DemoClient client,
                                        Map<String, String> gatewaySettings) {
        int port = ports.gateway();
        StackProcesses processes = new StackProcesses(root, data.resolve("logs"));
        try {
            Path gatewayData = data.resolve("gateway");
            client.writeClientsFile(gatewayData.resolve("clients.yaml"));
            String common = "kafka.bootstrap.servers=" + bootstrap + "\nredis.address=" + redis + "\n";
            processes.start("blog-service", "dev.courier.blog.BlogService", write(data.resolve("blog-service.properties"),
                    common + "management.port=" + ports.blogManagement() + "\n"));
            processes.start("user-service", "dev.courier.user.UserService", write(data.resolve("user-service.properties"),
                    common + "management.port=" + ports.userManagement() + "\n"));
            processes.start("edge-gateway", "dev.courier.gateway.GatewayMain", write(data.resolve("gateway.properties"), common
                    + "http.port=" + port + "\nmanagement.port=" + ports.gatewayManagement() + "\ndata.dir=" + gatewayData + "\nissuer.clients-file=" + gatewayData.resolve("clients.yaml") + "\n"
                    + gatewaySettings.entrySet().stream().map(setting -> setting.getKey() + "=" + setting.getValue() + "\n").collect(Collectors.joining())));
            awaitReady(processes, port);
            return new CourierServices(processes, port);
        } catch (RuntimeException e) {
            processes.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The gateway's process id, for measuring what it uses. */
    public long gatewayPid() {
        return processes.pid("edge-gateway");
    }

    /** Stops the gateway first (it drains), then the services. */
    @Override
    public void close() {
        processes.close();
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
