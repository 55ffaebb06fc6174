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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;

/**
 * Courier's own modules (the lag monitor, both services, the streams processors and the gateway) running as processes
 * against a given Kafka and Redis, as in production: what {@code ./courier} runs, and what the
 * gateway benchmark measures.
 */
public final class CourierServices implements AutoCloseable {

    private static final List<String> MODULES = List.of("lag-monitor", "blog-service", "user-service", "streams-processors",
            "edge-gateway");

    private final StackProcesses processes;
    private final Ports ports;

    private CourierServices(StackProcesses processes, Ports ports) {
        this.processes = processes;
        this.ports = ports;
    }

    /** Whether every module under {@code root} has been built, so the services can run. */
    public static boolean built(Path root) {
        return StackProcesses.built(root, MODULES);
    }

    /**
     * The ports the processes listen on: the gateway's HTTP port, each process's management listener
     * (health, metrics), and the lag monitor's (dashboard, API, metrics and health on one port).
     */
    public record Ports(int gateway, int blogManagement, int userManagement, int gatewayManagement, int lagMonitor,
                        int streamsManagement) {

        /** How many consecutive ports {@link #from} takes. */
        public static final int COUNT = 6;

        /** The gateway on {@code gateway}, the others on the ports after it. */
        public static Ports from(int gateway) {
            return new Ports(gateway, gateway + 1, gateway + 2, gateway + 3, gateway + 4, gateway + 5);
        }

        /** Free ports for all, below the ephemeral range: for tests and benchmarks that run beside anything else. */
        public static Ports free() {
            return from(FreePorts.consecutive(COUNT));
        }

        /** Where each process serves {@code /metrics}, by module. */
        public Map<String, URI> metrics() {
            Map<String, URI> metrics = new LinkedHashMap<>();
            metrics.put("edge-gateway", local(gatewayManagement, "/metrics"));
            metrics.put("blog-service", local(blogManagement, "/metrics"));
            metrics.put("user-service", local(userManagement, "/metrics"));
            metrics.put("lag-monitor", local(lagMonitor, "/metrics"));
            metrics.put("streams-processors", local(streamsManagement, "/metrics"));
            return metrics;
        }

        /** Where each process answers whether it is ready, by module, in the order they start. */
        public Map<String, URI> readiness() {
            Map<String, URI> readiness = new LinkedHashMap<>();
            readiness.put("lag-monitor", local(lagMonitor, "/health/ready"));
            readiness.put("blog-service", local(blogManagement, "/health/ready"));
            readiness.put("user-service", local(userManagement, "/health/ready"));
            readiness.put("streams-processors", local(streamsManagement, "/health/ready"));
            readiness.put("edge-gateway", local(gateway, "/health/ready"));
            return readiness;
        }

        private static URI local(int port, String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }
    }

    /**
     * Config keys and values added to what the processes are given: to every Courier process
     * (e.g. {@code metrics.enabled}), and to the gateway alone.
     */
    public record Settings(Map<String, String> everyProcess, Map<String, String> gateway, boolean streamsProcessors) {

        public Settings {
            everyProcess = Map.copyOf(everyProcess);
            gateway = Map.copyOf(gateway);
        }

        public Settings(Map<String, String> everyProcess, Map<String, String> gateway) {
            this(everyProcess, gateway, true);
        }

        public static Settings none() {
            return new Settings(Map.of(), Map.of());
        }

        public static Settings gateway(Map<String, String> gateway) {
            return new Settings(Map.of(), gateway);
        }

        /**
         * The same without the streams processors: for a benchmark of the request path on a machine
         * too small to run beside them without measuring them instead.
         */
        public Settings withoutStreamsProcessors() {
            return new Settings(everyProcess, gateway, false);
        }

        private String forEveryProcess() {
            return lines(everyProcess);
        }

        private String forGateway() {
            return lines(gateway);
        }

        private static String lines(Map<String, String> settings) {
            return settings.entrySet().stream().map(setting -> setting.getKey() + "=" + setting.getValue() + "\n").collect(Collectors.joining());
        }
    }

    /**
     * Starts the lag monitor, the services, the streams processors and the gateway, with {@code client} as the gateway's one
     * OAuth client, and returns once every one is ready. Config, data and logs go under {@code data}.
     */
    public static CourierServices start(Path root, Path data, String bootstrap, String redis, Ports ports, DemoClient client) {
        return start(root, data, bootstrap, redis, ports, client, Settings.none(), (module, after) -> { });
    }

    /** As above, with more settings, e.g. for a benchmark. */
    public static CourierServices start(Path root, Path data, String bootstrap, String redis, Ports ports, DemoClient client,
                                        Settings settings) {
        return start(root, data, bootstrap, redis, ports, client, settings, (module, after) -> { });
    }

    /** As above, telling {@code onReady} as each process becomes ready (module, time since the start). */
    public static CourierServices start(Path root, Path data, String bootstrap, String redis, Ports ports, DemoClient client,
                                        Settings settings, BiConsumer<String, Duration> onReady) {
        int port = ports.gateway();
        StackProcesses processes = new StackProcesses(root, data.resolve("logs"));
        try {
            Path gatewayData = data.resolve("gateway");
            client.writeClientsFile(gatewayData.resolve("clients.yaml"));
            String kafka = "kafka.bootstrap.servers=" + bootstrap + "\n" + settings.forEveryProcess();
            String common = kafka + "redis.address=" + redis + "\n";
            processes.start("lag-monitor", "dev.courier.lag.LagMonitorMain", write(data.resolve("lag-monitor.properties"),
                    kafka + "http.port=" + ports.lagMonitor() + "\n"));
            processes.start("blog-service", "dev.courier.blog.BlogService", write(data.resolve("blog-service.properties"),
                    common + "management.port=" + ports.blogManagement() + "\n"));
            processes.start("user-service", "dev.courier.user.UserService", write(data.resolve("user-service.properties"),
                    common + "management.port=" + ports.userManagement() + "\n"));
            Map<String, URI> readiness = new LinkedHashMap<>(ports.readiness());
            if (settings.streamsProcessors()) {
                processes.start("streams-processors", "dev.courier.streams.StreamsProcessors", write(data.resolve("streams-processors.properties"),
                        kafka + "management.port=" + ports.streamsManagement() + "\nstate.dir=" + data.resolve("streams-state") + "\n"));
            } else {
                readiness.remove("streams-processors");
            }
            processes.start("edge-gateway", "dev.courier.gateway.GatewayMain", write(data.resolve("gateway.properties"), common
                    + "http.port=" + port + "\nmanagement.port=" + ports.gatewayManagement() + "\ndata.dir=" + gatewayData + "\nissuer.clients-file=" + gatewayData.resolve("clients.yaml") + "\n"
                    + settings.forGateway()));
            awaitReady(processes, readiness, onReady);
            return new CourierServices(processes, ports);
        } catch (RuntimeException e) {
            processes.close();
            throw e;
        }
    }

    /** The gateway's HTTP port. */
    public int port() {
        return ports.gateway();
    }

    public Ports ports() {
        return ports;
    }


    /** The gateway's process id, for measuring what it uses. */
    public long gatewayPid() {
        return pid("edge-gateway");
    }

    /** A module's process id ({@code edge-gateway}, {@code blog-service}, …), for measuring what it uses. */
    public long pid(String module) {
        return processes.pid(module);
    }

    /** Stops the gateway first (it drains), then the streams processors, the services, then the lag monitor. */
    @Override
    public void close() {
        processes.close();
    }

    /** Waits until every process answers its readiness check, noting when each first did. */
    private static void awaitReady(StackProcesses processes, Map<String, URI> readiness,
                                                    BiConsumer<String, Duration> onReady) {
        HttpClient client = HttpClient.newHttpClient();
        long start = System.nanoTime();
        Map<String, Duration> readyAfter = new LinkedHashMap<>();
        Await.until("every process to be ready", Duration.ofMinutes(3), () -> {
            processes.dead().ifPresent(dead -> {
                throw new IllegalStateException(dead + " exited during start-up:\n" + dead.logTail(40));
            });
            readiness.forEach((module, uri) -> {
                if (!readyAfter.containsKey(module) && ready(client, uri)) {
                    readyAfter.put(module, Duration.ofNanos(System.nanoTime() - start));
                    onReady.accept(module, readyAfter.get(module));
                }
            });
            return readyAfter.size() == readiness.size();
        }, () -> "not ready: " + readiness.keySet().stream().filter(module -> !readyAfter.containsKey(module)).toList()
                + "; see the logs under the data directory");
    }

    private static boolean ready(HttpClient client, URI uri) {
        try {
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
            return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
