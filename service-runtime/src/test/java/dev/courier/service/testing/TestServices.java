package dev.courier.service.testing;

import dev.courier.commons.config.ConfigSources;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.service.config.ServiceConfig;
import dev.courier.service.config.ServiceDefaults;
import java.util.HashMap;
import java.util.Map;

/** Service configuration for tests: the shared servers and topics no other test uses. */
public final class TestServices {

    private TestServices() {
    }

    /**
     * A config on these servers with unique topic and group names; {@code overrides} are config
     * keys (e.g. {@code consumer.concurrency}) with their values.
     */
    public static ServiceConfig config(ServiceDefaults defaults, KafkaEndpoint kafka, RedisEndpoint redis,
                                       Map<String, String> overrides) {
        Map<String, String> env = new HashMap<>();
        for (Map.Entry<String, String> entry : settings(defaults, kafka, redis).entrySet()) {
            env.put(ConfigSources.envName(entry.getKey()), entry.getValue());
        }
        overrides.forEach((key, value) -> env.put(ConfigSources.envName(key), value));
        return ServiceConfig.load(null, env, defaults);
    }

    /** The keys and values {@link #config} starts from. */
    public static Map<String, String> settings(ServiceDefaults defaults, KafkaEndpoint kafka, RedisEndpoint redis) {
        String commands = TopicAdmin.uniqueName(defaults.commandTopic());
        return Map.of(
                ServiceConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers(),
                ServiceConfig.REDIS_ADDRESS, redis.uri(),
                ServiceConfig.COMMAND_TOPIC, commands,
                ServiceConfig.EVENT_TOPIC, commands + ".events",
                ServiceConfig.DEAD_LETTER_TOPIC, commands + ".dlq",
                ServiceConfig.GROUP_ID, commands + ".group",
                ServiceConfig.PARTITIONS, "3",
                // A consumer killed without leaving gives its partitions up after 6 s (the broker's
                // minimum), not the default 45 s, so tests that kill a service see the work move on.
                ServiceConfig.CONSUMER_PREFIX + "session.timeout.ms", "6000",
                ServiceConfig.CONSUMER_PREFIX + "heartbeat.interval.ms", "1000",
                ServiceConfig.MANAGEMENT_PORT, "0");
    }
}
