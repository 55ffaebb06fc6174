package dev.courier.gateway.kafka;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;

/** Asks the cluster for its nodes every few seconds in the background; readiness reads the last answer. */
public final class KafkaReachability implements AutoCloseable {

    private final Admin admin;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "courier-kafka-check");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean reachable = true;

    public KafkaReachability(Admin admin) {
        this.admin = admin;
        checker.scheduleWithFixedDelay(this::check, 0, 3, TimeUnit.SECONDS);
    }

    public boolean reachable() {
        return reachable;
    }

    private void check() {
        try {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            reachable = true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            reachable = false;
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
