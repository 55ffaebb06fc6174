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
        int timeoutMillis = Math.toIntExact(config.redisTimeout().toMillis());
        Config redisson = new Config();
        // Strings in, strings out: readable with redis-cli, no Kryo class coupling.
        redisson.setCodec(StringCodec.INSTANCE);
        // Scripts are sent by SHA explicitly (see RedisAtomicWriter), which reloads them after NOSCRIPT.
        redisson.setUseScriptCache(false);
        redisson.useSingleServer()
                .setAddress(config.redisAddress())
                .setClientName(config.serviceName())
                .setConnectTimeout(timeoutMillis)
                .setTimeout(timeoutMillis)
                // One retry rides out a blip; a longer outage is the command loop's to handle (it pauses).
                .setRetryAttempts(1)
                .setConnectionMinimumIdleSize(4)
                .setConnectionPoolSize(32);
        return Redisson.create(redisson);
    }
}
