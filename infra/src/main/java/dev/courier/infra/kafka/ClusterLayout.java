package dev.courier.infra.kafka;

import dev.courier.infra.process.FreePorts;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.stream.IntStream;
import org.apache.kafka.common.Uuid;

/**
 * The cluster id and ports of a cluster, kept in {@code cluster.properties} in its directory so a
 * cluster restarted on the same data keeps its id (the storage is formatted with it) and, when
 * they are still free, its ports.
 */
record ClusterLayout(String clusterId, int[] brokerPorts, int[] controllerPorts) {

    private static final String FILE = "cluster.properties";

    /** The layout stored in the directory when it fits this size, else a new one; stored either way. */
    static ClusterLayout loadOrCreate(Path directory, int nodes) {
        Path file = directory.resolve(FILE);
        ClusterLayout layout = Files.exists(file) ? read(file, nodes) : null;
        if (layout == null) {
            layout = new ClusterLayout(Uuid.randomUuid().toString(), freePorts(nodes), freePorts(nodes));
        } else if (!layout.portsFree()) {
            layout = new ClusterLayout(layout.clusterId, freePorts(nodes), freePorts(nodes));
        }
        layout.write(file);
        return layout;
    }

    private static ClusterLayout read(Path file, int nodes) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        int[] brokers = new int[nodes];
        int[] controllers = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            String broker = props.getProperty("node." + (i + 1) + ".broker.port");
            String controller = props.getProperty("node." + (i + 1) + ".controller.port");
            if (broker == null || controller == null) {
                throw new IllegalStateException(file + " describes a cluster of another size than " + nodes + " nodes; delete the directory to start fresh");
            }
            brokers[i] = Integer.parseInt(broker);
            controllers[i] = Integer.parseInt(controller);
        }
        return new ClusterLayout(props.getProperty("cluster.id"), brokers, controllers);
    }

    private void write(Path file) {
        Properties props = new Properties();
        props.setProperty("cluster.id", clusterId);
        for (int i = 0; i < brokerPorts.length; i++) {
            props.setProperty("node." + (i + 1) + ".broker.port", Integer.toString(brokerPorts[i]));
            props.setProperty("node." + (i + 1) + ".controller.port", Integer.toString(controllerPorts[i]));
        }
        try {
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                props.store(out, "Kafka cluster layout, written by Courier infra");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private boolean portsFree() {
        return IntStream.concat(IntStream.of(brokerPorts), IntStream.of(controllerPorts)).allMatch(FreePorts::isFree);
    }

    private static int[] freePorts(int count) {
        int[] ports = new int[count];
        for (int i = 0; i < count; i++) {
            ports[i] = FreePorts.next();
        }
        return ports;
    }
}
