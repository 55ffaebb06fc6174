package dev.courier.commons.config;

import java.util.regex.Pattern;

/** The rules config values share across processes, each failing with a message that names the key. */
public final class ConfigRules {

    /** {@code host:port[,host:port...]}, as Kafka's bootstrap servers are written. */
    public static final Pattern HOST_PORTS = Pattern.compile("[^\\s,:]+:\\d{1,5}(,[^\\s,:]+:\\d{1,5})*");
    /** {@code redis://host:port} or {@code rediss://host:port}. */
    public static final Pattern REDIS_URI = Pattern.compile("rediss?://[^\\s/]+:\\d{1,5}");
    /** A legal Kafka topic name. */
    public static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    private ConfigRules() {
    }

    /** Fails unless the whole value matches, saying the rule and what was given. */
    public static void require(String key, String value, Pattern pattern, String rule) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw new ConfigException(key, rule + ", was '" + value + "'");
        }
    }

    public static void requireTopic(String key, String value) {
        require(key, value, TOPIC, "must be a legal Kafka topic name");
    }

    public static void requireBootstrapServers(String key, String value) {
        require(key, value, HOST_PORTS, "must be host:port[,host:port...]");
    }

    public static void requireRedisAddress(String key, String value) {
        require(key, value, REDIS_URI, "must be redis://host:port or rediss://host:port");
    }
}
