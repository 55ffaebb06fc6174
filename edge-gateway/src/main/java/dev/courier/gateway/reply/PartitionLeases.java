package dev.courier.gateway.reply;

import dev.courier.gateway.store.GatewayKeys;
import java.util.List;
import java.util.OptionalInt;
import org.redisson.api.RScript;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/**
 * Leases on the reply topic's partitions: Redis keys naming their holder, with a TTL, and the
 * partition each instance held last. Not final: tests stand an in-memory table in for Redis.
 */
class PartitionLeases {

    // Take the lease when free or already ours; answer whether we hold it now.
    private static final String TAKE = """
            local holder = redis.call('GET', KEYS[1])
            if holder == false or holder == ARGV[1] then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0
            """;
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final RedissonClient redis;
    private final String topic;

    PartitionLeases(RedissonClient redis, String topic) {
        this.redis = redis;
        this.topic = topic;
    }

    /** Takes or renews the lease for {@code ttlMillis}; false when another holder has it. Blocking. */
    boolean take(int partition, String holder, long ttlMillis) {
        Long taken = redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, TAKE, RScript.ReturnType.LONG,
                List.of(GatewayKeys.lease(topic, partition)), holder, Long.toString(ttlMillis));
        return taken != null && taken == 1L;
    }

    /** Gives the lease up if {@code holder} still has it. Blocking. */
    void release(int partition, String holder) {
        redis.getScript(StringCodec.INSTANCE).eval(RScript.Mode.READ_WRITE, RELEASE, RScript.ReturnType.LONG,
                List.of(GatewayKeys.lease(topic, partition)), holder);
    }

    /** The partition the instance held last, if one is remembered. Blocking. */
    OptionalInt lastPartition(String instanceId) {
        String last = redis.<String>getBucket(GatewayKeys.lastPartition(topic, instanceId), StringCodec.INSTANCE).get();
        return last == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(last));
    }

    /** Remembers the partition the instance holds, so its restart takes the same one back. Blocking. */
    void rememberPartition(String instanceId, int partition) {
        redis.getBucket(GatewayKeys.lastPartition(topic, instanceId), StringCodec.INSTANCE).set(Integer.toString(partition));
    }
}
