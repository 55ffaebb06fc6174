package dev.courier.infra.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * One combined broker + controller node of a KRaft cluster on 127.0.0.1.
 *
 * @param nodeId the node id, from 1
 * @param brokerPort where clients connect
 * @param controllerPort where the controllers talk to each other
 * @param directory this node's own directory: logs, data, properties file
 * @param quorumVoters the static controller quorum, {@code id@host:port,...}
 * @param clusterSize number of nodes, which sets the replication defaults
 * @param overrides broker properties that replace the defaults
 */
public record KafkaNodeConfig(int nodeId, int brokerPort, int controllerPort, Path directory, String quorumVoters,
                              int clusterSize, Map<String, String> overrides) {

    public KafkaNodeConfig {
        overrides = Map.copyOf(overrides);
    }

    public String bootstrapServer() {
        return "127.0.0.1:" + brokerPort;
    }

    public Path dataDirectory() {
        return directory.resolve("data");
    }

    public Path propertiesFile() {
        return directory.resolve("server.properties");
    }

    public Path logFile() {
        return directory.resolve("kafka.log");
    }

    /** Broker properties: fast to start and to form groups, safe for acks=all, no auto-created topics. */
    public Properties toProperties() {
        int replication = Math.min(3, clusterSize);
        int minInsync = Math.min(2, replication);
        Properties props = new Properties();
        props.setProperty("process.roles", "broker,controller");
        props.setProperty("node.id", Integer.toString(nodeId));
        props.setProperty("controller.quorum.voters", quorumVoters);
        props.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        props.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        props.setProperty("controller.listener.names", "CONTROLLER");
        props.setProperty("inter.broker.listener.name", "PLAINTEXT");
        props.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.setProperty("log.dirs", dataDirectory().toString());
        props.setProperty("num.partitions", "1");
        props.setProperty("default.replication.factor", Integer.toString(replication));
        props.setProperty("min.insync.replicas", Integer.toString(minInsync));
        props.setProperty("offsets.topic.replication.factor", Integer.toString(replication));
        props.setProperty("offsets.topic.num.partitions", "10");
        props.setProperty("transaction.state.log.replication.factor", Integer.toString(replication));
        props.setProperty("transaction.state.log.min.isr", Integer.toString(minInsync));
        props.setProperty("share.coordinator.state.topic.replication.factor", Integer.toString(replication));
        props.setProperty("share.coordinator.state.topic.min.isr", Integer.toString(minInsync));
        props.setProperty("group.initial.rebalance.delay.ms", "0");
        // A dead node is fenced, and a restarted one may re-register, once its session expires:
        // 3 s instead of 9 s keeps failover and restart tests quick on loopback.
        props.setProperty("broker.heartbeat.interval.ms", "500");
        props.setProperty("broker.session.timeout.ms", "3000");
        // A consumer that died without leaving gives up its partitions after 6 s, not the default 45 s,
        // so tests that kill a service and start another see the work move on quickly.
        props.setProperty("group.consumer.min.session.timeout.ms", "3000");
        props.setProperty("group.consumer.session.timeout.ms", "6000");
        props.setProperty("group.consumer.min.heartbeat.interval.ms", "500");
        props.setProperty("group.consumer.heartbeat.interval.ms", "1000");
        props.setProperty("auto.create.topics.enable", "false");
        props.setProperty("unclean.leader.election.enable", "false");
        overrides.forEach(props::setProperty);
        return props;
    }

    /** Writes {@link #toProperties()} to {@link #propertiesFile()} and returns that path. */
    public Path writeProperties() {
        try {
            Files.createDirectories(directory);
            try (OutputStream out = Files.newOutputStream(propertiesFile())) {
                toProperties().store(out, "Kafka node " + nodeId + ", written by Courier infra");
            }
            return propertiesFile();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + propertiesFile(), e);
        }
    }
}
