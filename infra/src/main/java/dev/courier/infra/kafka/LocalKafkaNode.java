package dev.courier.infra.kafka;

/** What every local node shares: its config, the cluster id its storage is formatted with, one start at a time. */
abstract class LocalKafkaNode implements KafkaNode {

    protected final KafkaNodeConfig config;
    protected final String clusterId;

    LocalKafkaNode(KafkaNodeConfig config, String clusterId) {
        this.config = config;
        this.clusterId = clusterId;
    }

    @Override
    public KafkaNodeConfig config() {
        return config;
    }

    @Override
    public final synchronized void start() {
        if (isRunning()) {
            throw new IllegalStateException("node " + config.nodeId() + " is already running");
        }
        launch();
    }

    /** Starts the node; called only while it is not running. */
    protected abstract void launch();
}
