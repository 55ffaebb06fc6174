package dev.courier.service.store;

import dev.courier.service.config.ServiceConfig;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;

/** The Redisson client a service uses, configured on purpose rather than by defaults. */
public final class RedisClients {

    private RedisClients() {
    }

    public static RedissonClient create(ServiceConfig config) {
        return create(config.redisAddress(), config.redisTimeout(), config.serviceName());
    }

    /** A client for any Courier process: string codec, bounded timeouts, one retry. */
    public static RedissonClient create(String address, java.time.Duration timeout, String clientName) {
        int timeoutMillis = Math.toIntExact(timeout.toMillis());
        Config redisson = new Config();
        // Strings in, strings out: readable with redis-cli, no Kryo class coupling.
        redisson.setCodec(StringCodec.INSTANCE);
        // Scripts are sent by SHA explicitly (see RedisAtomicWriter), which reloads them after NOSCRIPT.
        redisson.setUseScriptCache(false);
        redisson.useSingleServer()
                .setAddress(address)
                .setClientName(clientName)
                .setConnectTimeout(timeoutMillis)
                .setTimeout(timeoutMillis)
                // One retry rides out a blip; a longer outage is the command loop's to handle (it pauses).
                .setRetryAttempts(1)
                .setConnectionMinimumIdleSize(4)
                .setConnectionPoolSize(32);
        return Redisson.create(redisson);
    }
}
