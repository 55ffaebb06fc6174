package dev.courier.commons.redis;

import io.netty.channel.epoll.Epoll;
import java.time.Duration;
import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.redisson.config.Config;
import org.redisson.config.TransportMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Redisson client every Courier process uses, configured on purpose rather than by defaults. */
public final class RedisClients {

    private static final Logger LOG = LoggerFactory.getLogger(RedisClients.class);

    private RedisClients() {
    }

    /** String codec, bounded timeouts, one retry; Netty's epoll transport where it loads. */
    public static RedissonClient create(String address, Duration timeout, String clientName) {
        int timeoutMillis = Math.toIntExact(timeout.toMillis());
        Config redisson = new Config();
        // Strings in, strings out: readable with redis-cli, no Kryo class coupling.
        redisson.setCodec(StringCodec.INSTANCE);
        // Scripts are sent by SHA explicitly, and reloaded after NOSCRIPT.
        redisson.setUseScriptCache(false);
        // Netty's epoll where it loads (Linux x86-64): fewer system calls per wake-up than NIO's selector.
        if (Epoll.isAvailable()) {
            redisson.setTransportMode(TransportMode.EPOLL);
        } else {
            LOG.info("Netty's native transport does not load here, Redis runs on Java NIO cause={}", Epoll.unavailabilityCause().toString());
        }
        redisson.useSingleServer()
                .setAddress(address)
                .setClientName(clientName)
                .setConnectTimeout(timeoutMillis)
                .setTimeout(timeoutMillis)
                // One retry rides out a blip; a longer outage is the caller's to handle (loops pause).
                .setRetryAttempts(1)
                .setConnectionMinimumIdleSize(4)
                .setConnectionPoolSize(32);
        return Redisson.create(redisson);
    }
}
