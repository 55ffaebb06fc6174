package dev.courier.gateway.reply;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.redisson.api.RedissonClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's exclusive hold on one partition of the reply topic, as a Redis key with a TTL
 * that a background thread renews. A restarted instance (same instance id) takes its last partition
 * back; a new one takes a free partition. The lease counts as held only until its TTL would run
 * out since the last successful renewal, so two instances never both believe they own a partition.
 */
public final class ReplyPartitionLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReplyPartitionLease.class);

    private final PartitionLeases leases;
    private final String topic;
    private final int partitions;
    private final String instanceId;
    private final long ttlMillis;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "courier-reply-lease");
        thread.setDaemon(true);
        return thread;
    });
    private volatile int partition = -1;
    private volatile long validUntilNanos;

    public ReplyPartitionLease(RedissonClient redis, String topic, int partitions, String instanceId, Duration ttl) {
        this(new PartitionLeases(redis, topic), topic, partitions, instanceId, ttl, System::nanoTime);
    }

    /** @param nanoTime the clock the lease's validity is measured with, as {@link System#nanoTime()} */
    ReplyPartitionLease(PartitionLeases leases, String topic, int partitions, String instanceId, Duration ttl, LongSupplier nanoTime) {
        this.leases = leases;
        this.topic = topic;
        this.partitions = partitions;
        this.instanceId = instanceId;
        this.ttlMillis = ttl.toMillis();
        this.nanoTime = nanoTime;
    }

    /** Takes a partition (blocking; call at start) and starts renewing it. */
    public int acquire() {
        OptionalInt last = leases.lastPartition(instanceId);
        if (last.isPresent() && last.getAsInt() < partitions && tryTake(last.getAsInt())) {
            return started(last.getAsInt());
        }
        for (int candidate = 0; candidate < partitions; candidate++) {
            if (tryTake(candidate)) {
                leases.rememberPartition(instanceId, candidate);
                return started(candidate);
            }
        }
        throw new IllegalStateException("all " + partitions + " partitions of " + topic
                + " are leased by other gateway instances; add partitions to the reply topic to run more instances");
    }

    public int partition() {
        return partition;
    }

    String topic() {
        return topic;
    }

    int partitions() {
        return partitions;
    }

    String instanceId() {
        return instanceId;
    }

    Duration ttl() {
        return Duration.ofMillis(ttlMillis);
    }

    PartitionLeases leases() {
        return leases;
    }

    /** Now, on the clock the lease is measured with. */
    long nanoTime() {
        return nanoTime.getAsLong();
    }

    /** Whether this instance may read the partition now. */
    public boolean held() {
        return partition >= 0 && nanoTime.getAsLong() - validUntilNanos < 0;
    }

    /**
     * Stops renewing but leaves the lease to run out by itself: a restart under the same instance id
     * takes the partition straight back, before a new instance or a sweeper could take it.
     */
    @Override
    public void close() {
        renewer.shutdownNow();
    }

    private int started(int taken) {
        partition = taken;
        LOG.info("reply partition leased topic={} partition={} instance={} ttlMs={}", topic, taken, instanceId, ttlMillis);
        long period = Math.max(ttlMillis / 3, 100);
        renewer.scheduleWithFixedDelay(this::renew, period, period, TimeUnit.MILLISECONDS);
        return taken;
    }

    private boolean tryTake(int candidate) {
        long started = nanoTime.getAsLong();
        if (leases.take(candidate, instanceId, ttlMillis)) {
            // Counted from before the call: the key may have been set at any moment during it.
            validUntilNanos = started + TimeUnit.MILLISECONDS.toNanos(ttlMillis);
            return true;
        }
        return false;
    }

    /** Renews the lease; runs every third of the TTL. */
    void renew() {
        boolean wasHeld = held();
        try {
            if (!tryTake(partition)) {
                validUntilNanos = nanoTime.getAsLong();
                LOG.error("reply partition lease lost to another instance topic={} partition={} instance={}", topic, partition, instanceId);
            } else if (!wasHeld) {
                LOG.info("reply partition lease renewed after a gap topic={} partition={}", topic, partition);
            }
        } catch (RuntimeException e) {
            LOG.warn("reply partition lease not renewed topic={} partition={} error={}", topic, partition, e.toString());
        }
    }
}
