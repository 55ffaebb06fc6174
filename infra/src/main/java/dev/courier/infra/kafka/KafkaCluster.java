package dev.courier.infra.kafka;

import dev.courier.infra.process.Await;
import dev.courier.infra.process.WorkDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real KRaft Kafka cluster on 127.0.0.1: one node by default, three for replication and
 * failover tests. Every node is a combined broker and controller, on free ports chosen once so a
 * restarted node comes back where clients expect it, on the same data.
 *
 * <pre>{@code
 * try (KafkaCluster kafka = KafkaCluster.builder().nodes(3).mode(Mode.CHILD_PROCESS).start()) {
 *     kafka.killNode(1);      // SIGKILL
 *     kafka.startNode(1);     // same ports, same data
 * }
 * }</pre>
 */
public final class KafkaCluster implements KafkaEndpoint, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCluster.class);

    /** Where the nodes run. */
    public enum Mode {
        /** In this JVM: quickest, cannot outlive it, cannot be SIGKILLed. */
        IN_PROCESS,
        /** One child JVM per node: can be SIGKILLed and restarted; exits with this JVM. */
        CHILD_PROCESS
    }

    private final Map<Integer, KafkaNode> nodes;
    private final Path directory;
    private final boolean deleteOnClose;
    private final Duration startTimeout;

    private KafkaCluster(Map<Integer, KafkaNode> nodes, Path directory, boolean deleteOnClose, Duration startTimeout) {
        this.nodes = nodes;
        this.directory = directory;
        this.deleteOnClose = deleteOnClose;
        this.startTimeout = startTimeout;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String bootstrapServers() {
        return nodes.values().stream().map(node -> node.config().bootstrapServer()).collect(Collectors.joining(","));
    }

    public int size() {
        return nodes.size();
    }

    public Path directory() {
        return directory;
    }

    public KafkaNode node(int nodeId) {
        KafkaNode node = nodes.get(nodeId);
        if (node == null) {
            throw new IllegalArgumentException("no node " + nodeId + "; nodes are " + nodes.keySet());
        }
        return node;
    }

    /** Gracefully stops one node. */
    public void stopNode(int nodeId) {
        node(nodeId).stop();
    }

    /** Kills one node abruptly (SIGKILL in child-process mode). */
    public void killNode(int nodeId) {
        node(nodeId).kill();
    }

    /** Starts a stopped node on its data and waits until it has rejoined the cluster. */
    public void startNode(int nodeId) {
        startAll(List.of(node(nodeId)));
        awaitBrokers(Set.of(nodeId));
    }

    /** Waits until every running node is registered as a live broker. */
    public void awaitReady() {
        awaitBrokers(nodes.values().stream().filter(KafkaNode::isRunning).map(n -> n.config().nodeId()).collect(Collectors.toSet()));
    }

    /**
     * Stops every node. Kept data gets a graceful shutdown; a temporary cluster's nodes are killed,
     * since a controlled shutdown (seconds per node, more once the quorum is gone) would only
     * protect data about to be deleted.
     */
    @Override
    public void close() {
        List<CompletableFuture<Void>> stops = new ArrayList<>();
        for (KafkaNode node : nodes.values()) {
            stops.add(CompletableFuture.runAsync(deleteOnClose ? node::kill : node::close));
        }
        stops.forEach(CompletableFuture::join);
        if (deleteOnClose) {
            WorkDirectory.delete(directory);
        }
        LOG.info("kafka cluster closed bootstrapServers={}", bootstrapServers());
    }

    private KafkaCluster startAndAwait() {
        long started = System.nanoTime();
        try {
            startAll(nodes.values());
            awaitReady();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
        LOG.info("kafka cluster ready nodes={} bootstrapServers={} startMillis={}",
                nodes.size(), bootstrapServers(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        return this;
    }

    /** Starts nodes side by side: a KRaft node waits for its quorum, so one at a time would never finish. */
    private void startAll(Collection<KafkaNode> toStart) {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (KafkaNode node : toStart) {
            starts.add(CompletableFuture.runAsync(node::start));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).get(startTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("kafka node failed to start", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("kafka nodes did not start within " + startTimeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted starting kafka", e);
        }
    }

    private void awaitBrokers(Set<Integer> expected) {
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2_000))) {
            Await.until("kafka brokers " + expected, startTimeout,
                    () -> failIfDead(expected) && liveBrokers(admin).containsAll(expected),
                    this::logTails);
        }
    }

    private boolean failIfDead(Set<Integer> expected) {
        for (int nodeId : expected) {
            if (!nodes.get(nodeId).isRunning()) {
                throw new IllegalStateException("kafka node " + nodeId + " exited while starting\n" + logTails());
            }
        }
        return true;
    }

    private static Set<Integer> liveBrokers(Admin admin) {
        try {
            return admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).stream().map(Node::id).collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException e) {
            return Set.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted waiting for kafka", e);
        }
    }

    private String logTails() {
        StringBuilder tails = new StringBuilder();
        for (KafkaNode node : nodes.values()) {
            if (node instanceof ChildProcessKafkaNode child) {
                tails.append("--- kafka node ").append(node.config().nodeId()).append(" log tail (")
                        .append(node.config().logFile()).append(")\n").append(child.logTail()).append('\n');
            }
        }
        return tails.toString();
    }

    /** Settings of a cluster to start. */
    public static final class Builder {
        private int nodes = 1;
        private Mode mode = Mode.IN_PROCESS;
        private Path directory;
        private Duration startTimeout = Duration.ofSeconds(90);
        private boolean fullJit;
        private final Map<String, String> brokerProperties = new HashMap<>();

        private Builder() {
        }

        /** How many combined broker + controller nodes: 1 or 3 (an odd number keeps a quorum). */
        public Builder nodes(int count) {
            if (count < 1 || count % 2 == 0) {
                throw new IllegalArgumentException("nodes must be a positive odd number, was " + count);
            }
            this.nodes = count;
            return this;
        }

        public Builder mode(Mode mode) {
            this.mode = mode;
            return this;
        }

        /** Keep the data here, and keep it after close; by default a temp directory deleted on close. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        /**
         * Child processes compile with C2 too, as a production broker does: slower to warm up, less
         * CPU per record once warm. Benchmarks want it; tests want the quick start of C1 alone.
         */
        public Builder fullJit() {
            this.fullJit = true;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** A broker property that replaces Courier's default for every node. */
        public Builder brokerProperty(String key, String value) {
            brokerProperties.put(key, value);
            return this;
        }

        /** Starts every node and returns once all are live brokers. */
        public KafkaCluster start() {
            boolean temporary = directory == null;
            Path root = temporary ? WorkDirectory.createTemp("kafka-") : directory;
            ClusterLayout layout = ClusterLayout.loadOrCreate(root, nodes);
            StringBuilder voters = new StringBuilder();
            for (int id = 1; id <= nodes; id++) {
                voters.append(id == 1 ? "" : ",").append(id).append("@127.0.0.1:").append(layout.controllerPorts()[id - 1]);
            }
            Map<Integer, KafkaNode> created = new LinkedHashMap<>();
            for (int id = 1; id <= nodes; id++) {
                KafkaNodeConfig config = new KafkaNodeConfig(id, layout.brokerPorts()[id - 1], layout.controllerPorts()[id - 1],
                        root.resolve("node-" + id), voters.toString(), nodes, brokerProperties);
                created.put(id, mode == Mode.IN_PROCESS ? new InProcessKafkaNode(config, layout.clusterId()) : new ChildProcessKafkaNode(config, layout.clusterId(), fullJit));
            }
            return new KafkaCluster(created, root, temporary, startTimeout).startAndAwait();
        }
    }
}
