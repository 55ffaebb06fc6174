package dev.courier.infra.kafka;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;

/**
 * A node running inside this JVM: quickest to start, and it cannot outlive the tests. It cannot
 * be killed like a process: {@link #kill()} is an ordinary shutdown.
 */
final class InProcessKafkaNode extends LocalKafkaNode {

    private KafkaRaftServer server;

    InProcessKafkaNode(KafkaNodeConfig config, String clusterId) {
        super(config, clusterId);
    }

    @Override
    protected void launch() {
        KafkaStorage.formatIfNeeded(config.writeProperties(), clusterId);
        KafkaRaftServer started = new KafkaRaftServer(new KafkaConfig(config.toProperties(), false), Time.SYSTEM);
        started.startup();
        server = started;
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
            server = null;
        }
    }

    @Override
    public void kill() {
        stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    @Override
    public synchronized long pid() {
        return server == null ? -1 : ProcessHandle.current().pid();
    }
}
