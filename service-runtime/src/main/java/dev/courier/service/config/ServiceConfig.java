package dev.courier.service.config;

import dev.courier.commons.config.ConfigException;
import dev.courier.commons.config.ConfigRules;
import dev.courier.commons.config.ConfigSources;
import dev.courier.commons.config.ConfigValues;
import dev.courier.commons.kafka.DeliveryPolicy;
import dev.courier.commons.tracing.Tracing;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Everything a command-handling service needs to start, validated at construction. Read it with
 * {@link #load}; each component names the key it comes from.
 *
 * @param serviceName names the consumer group, the client ids and the logs
 * @param bootstrapServers {@value #BOOTSTRAP_SERVERS}: {@code host:port[,host:port...]}
 * @param groupId {@value #GROUP_ID}
 * @param redisAddress {@value #REDIS_ADDRESS}: {@code redis://host:port} or {@code rediss://host:port}
 * @param redisTimeout {@value #REDIS_TIMEOUT}: how long one Redis call may take before it counts as an outage
 * @param commandTopic {@value #COMMAND_TOPIC}
 * @param eventTopic {@value #EVENT_TOPIC}
 * @param deadLetterTopic {@value #DEAD_LETTER_TOPIC}
 * @param partitions {@value #PARTITIONS}: partitions of the topics this service creates when missing
 * @param replicationFactor {@value #REPLICATION_FACTOR}
 * @param concurrency {@value #CONCURRENCY}: consumer threads in this process
 * @param maxPollRecords {@value #MAX_POLL_RECORDS}: the most commands handled in one batch
 * @param replyTtl {@value #REPLY_TTL}: how long the stored outcome of a command answers redeliveries
 * @param maxBackoff {@value #MAX_BACKOFF}: the longest pause between probes while Redis is unreachable
 * @param producerProperties {@value #PRODUCER_PREFIX}*: passed to the Kafka producer untouched
 * @param consumerProperties {@value #CONSUMER_PREFIX}*: passed to the Kafka consumer untouched
 * @param managementHost {@value #MANAGEMENT_HOST}: where the health (and metrics) listener binds
 * @param managementPort {@value #MANAGEMENT_PORT}: its port; 0 picks a free one
 * @param otlpEndpoint {@code tracing.otlp.endpoint}: where spans are sent (OTLP/HTTP); none are made without it
 * @param metricsEnabled {@value #METRICS_ENABLED}: false records no metrics (to measure what they cost)
 */
public record ServiceConfig(String serviceName, String bootstrapServers, String groupId, String redisAddress,
                            Duration redisTimeout, String commandTopic, String eventTopic, String deadLetterTopic,
                            int partitions, int replicationFactor, int concurrency, int maxPollRecords,
                            Duration replyTtl, Duration maxBackoff,
                            Map<String, String> producerProperties, Map<String, String> consumerProperties,
                            String managementHost, int managementPort, boolean metricsEnabled, Optional<URI> otlpEndpoint) {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String GROUP_ID = "kafka.group.id";
    public static final String REDIS_ADDRESS = "redis.address";
    public static final String REDIS_TIMEOUT = "redis.timeout";
    public static final String COMMAND_TOPIC = "topics.commands";
    public static final String EVENT_TOPIC = "topics.events";
    public static final String DEAD_LETTER_TOPIC = "topics.dead-letters";
    public static final String PARTITIONS = "topics.partitions";
    public static final String REPLICATION_FACTOR = "topics.replication-factor";
    public static final String CONCURRENCY = "consumer.concurrency";
    public static final String MAX_POLL_RECORDS = "consumer.max-poll-records";
    public static final String REPLY_TTL = "replies.ttl";
    public static final String MAX_BACKOFF = "redis.max-backoff";
    public static final String PRODUCER_PREFIX = DeliveryPolicy.PRODUCER_PREFIX;
    public static final String CONSUMER_PREFIX = "kafka.consumer.";
    public static final String MANAGEMENT_HOST = "management.host";
    public static final String MANAGEMENT_PORT = "management.port";
    public static final String METRICS_ENABLED = "metrics.enabled";

    public static final List<String> KEYS = List.of(BOOTSTRAP_SERVERS, GROUP_ID, REDIS_ADDRESS, REDIS_TIMEOUT,
            COMMAND_TOPIC, EVENT_TOPIC, DEAD_LETTER_TOPIC, PARTITIONS, REPLICATION_FACTOR, CONCURRENCY,
            MAX_POLL_RECORDS, REPLY_TTL, MAX_BACKOFF, MANAGEMENT_HOST, MANAGEMENT_PORT, METRICS_ENABLED, Tracing.OTLP_ENDPOINT);


    public ServiceConfig {
        ConfigRules.requireBootstrapServers(BOOTSTRAP_SERVERS, bootstrapServers);
        ConfigRules.require(GROUP_ID, groupId, Pattern.compile("\\S{1,255}"), "must be 1 to 255 characters without spaces");
        ConfigRules.requireRedisAddress(REDIS_ADDRESS, redisAddress);
        ConfigRules.requireTopic(COMMAND_TOPIC, commandTopic);
        ConfigRules.requireTopic(EVENT_TOPIC, eventTopic);
        ConfigRules.requireTopic(DEAD_LETTER_TOPIC, deadLetterTopic);
        if (deadLetterTopic.equals(commandTopic)) {
            throw new ConfigException(DEAD_LETTER_TOPIC, "must differ from " + COMMAND_TOPIC + ", or dead letters would be read again");
        }
        producerProperties = Map.copyOf(producerProperties);
        consumerProperties = Map.copyOf(consumerProperties);
    }

    /**
     * Reads the file (may be null), applies environment overrides, and fills what is unset from
     * the service's defaults.
     */
    public static ServiceConfig load(Path file, Map<String, String> environment, ServiceDefaults defaults) {
        ConfigValues values = new ConfigValues(ConfigSources.load(file, environment, KEYS, List.of(PRODUCER_PREFIX, CONSUMER_PREFIX)));
        ServiceConfig config = new ServiceConfig(
                defaults.serviceName(),
                values.string(BOOTSTRAP_SERVERS, "127.0.0.1:9092"),
                values.string(GROUP_ID, "courier." + defaults.serviceName()),
                values.string(REDIS_ADDRESS, "redis://127.0.0.1:6379"),
                values.duration(REDIS_TIMEOUT, Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMinutes(1)),
                values.string(COMMAND_TOPIC, defaults.commandTopic()),
                values.string(EVENT_TOPIC, defaults.eventTopic()),
                values.string(DEAD_LETTER_TOPIC, defaults.deadLetterTopic()),
                values.integer(PARTITIONS, 6, 1, 10_000),
                values.integer(REPLICATION_FACTOR, 1, 1, 32),
                values.integer(CONCURRENCY, 1, 1, 64),
                values.integer(MAX_POLL_RECORDS, 500, 1, 10_000),
                values.duration(REPLY_TTL, Duration.ofHours(24), Duration.ofSeconds(1), Duration.ofDays(30)),
                values.duration(MAX_BACKOFF, Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMinutes(5)),
                values.withPrefix(PRODUCER_PREFIX),
                values.withPrefix(CONSUMER_PREFIX),
                values.string(MANAGEMENT_HOST, "127.0.0.1"),
                values.integer(MANAGEMENT_PORT, defaults.managementPort(), 0, 65_535),
                values.bool(METRICS_ENABLED, true),
                values.optionalHttpUrl(Tracing.OTLP_ENDPOINT));
        values.rejectUnread();
        return config;
    }

}
