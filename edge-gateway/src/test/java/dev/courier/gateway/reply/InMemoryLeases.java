package dev.courier.gateway.reply;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The leases as the Redis scripts keep them, in memory: a partition's holder (taken when free or
 * already the caller's), and each instance's last partition. TTLs are the lease's own business here:
 * a test hands a partition to another holder to stand for a lease that ran out and was taken.
 */
class InMemoryLeases extends PartitionLeases {

    final Map<Integer, String> holders = new HashMap<>();
    final Map<String, Integer> last = new HashMap<>();
    /** Runs inside every take, as a slow or failing Redis would. */
    Runnable duringTake = () -> { };

    InMemoryLeases() {
        super(null, "courier.replies");
    }

    @Override
    synchronized boolean take(int partition, String holder, long ttlMillis) {
        duringTake.run();
        String current = holders.get(partition);
        if (current == null || current.equals(holder)) {
            holders.put(partition, holder);
            return true;
        }
        return false;
    }

    @Override
    synchronized void release(int partition, String holder) {
        holders.remove(partition, holder);
    }

    @Override
    synchronized OptionalInt lastPartition(String instanceId) {
        Integer partition = last.get(instanceId);
        return partition == null ? OptionalInt.empty() : OptionalInt.of(partition);
    }

    @Override
    synchronized void rememberPartition(String instanceId, int partition) {
        last.put(instanceId, partition);
    }
}
