package dev.courier.infra.kafka;

/** One node of a {@link KafkaCluster}: a broker and controller that can be stopped and started on its data. */
public interface KafkaNode extends AutoCloseable {

    KafkaNodeConfig config();

    /** Starts the node on its existing data (formatting it the first time); returns once it is launched. */
    void start();

    /** Stops the node gracefully: controlled shutdown, data flushed. */
    void stop();

    /** Ends the node abruptly, as a crash would: SIGKILL for a child process; nothing if not running. */
    void kill();

    boolean isRunning();

    /** The process the node runs in while it runs (this one for an in-process node), for measuring what it uses; -1 when stopped. */
    long pid();

    @Override
    default void close() {
        if (isRunning()) {
            stop();
        }
    }
}
