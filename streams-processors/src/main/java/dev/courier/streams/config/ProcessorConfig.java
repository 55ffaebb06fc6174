package dev.courier.streams.config;

import dev.courier.commons.config.ConfigException;
import dev.courier.commons.config.ConfigRules;
import dev.courier.commons.config.ConfigSources;
import dev.courier.commons.config.ConfigValues;
import dev.courier.schemas.topic.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.streams.StreamsConfig;

/**
 * Everything the streams processors need to start, validated at construction. Read it with
 * {@link #load}; each component names the key it comes from.
 *
 * @param bootstrapServers {@value #BOOTSTRAP_SERVERS}: {@code host:port[,host:port...]}
 * @param applicationId {@value #APPLICATION_ID}: the consumer group, the prefix of internal topics and the state folder
 * @param blogEventsTopic {@value #BLOG_EVENTS_TOPIC}: the events the author statistics are folded from
 * @param queriesTopic {@value #QUERIES_TOPIC}: the query commands answered here
 * @param deadLetterTopic {@value #DEAD_LETTER_TOPIC}: where what cannot be read or answered goes
 * @param accessRecordsTopic {@value #ACCESS_RECORDS_TOPIC}: the gateways' access records
 * @param routeWindowsTopic {@value #ROUTE_WINDOWS_TOPIC}: the route analytics' windows (compacted, written and read here)
 * @param deadLetterSources {@value #DEAD_LETTER_SOURCES}: the dead-letter topics summarized
 * @param deadLetterWindowsTopic {@value #DEAD_LETTER_WINDOWS_TOPIC}: the dead-letter summary's windows (compacted)
 * @param partitions {@value #PARTITIONS}: partitions of the topics created here when missing
 * @param replicationFactor {@value #REPLICATION_FACTOR}
 * @param dedupeWindow {@value #DEDUPE_WINDOW}: how long an event's request id is remembered to drop its repeats
 * @param grace {@value #GRACE}: how late an access record or a dead letter may arrive and still count in its window
 * @param retention {@value #RETENTION}: how long route and dead-letter windows are kept
 * @param stateDir {@value #STATE_DIR}: where the local state stores live
 * @param streamsProperties {@value #STREAMS_PREFIX}*: passed to Kafka Streams untouched; those in {@link #SET_BY_COURIER} are refused
 * @param managementHost {@value #MANAGEMENT_HOST}: where the health (and metrics) listener binds
 * @param managementPort {@value #MANAGEMENT_PORT}: its port; 0 picks a free one
 * @param metricsEnabled {@value #METRICS_ENABLED}: false records no metrics
 */
public record ProcessorConfig(String bootstrapServers, String applicationId, String blogEventsTopic, String queriesTopic,
                              String deadLetterTopic, String accessRecordsTopic, String routeWindowsTopic,
                              List<String> deadLetterSources, String deadLetterWindowsTopic, int partitions,
                              int replicationFactor, Duration dedupeWindow, Duration grace, Duration retention,
                              Path stateDir, Map<String, String> streamsProperties, String managementHost, int managementPort,
                              boolean metricsEnabled) {

    public static final String PROCESS_NAME = "streams-processors";
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String APPLICATION_ID = "kafka.application.id";
    public static final String BLOG_EVENTS_TOPIC = "topics.blog-events";
    public static final String QUERIES_TOPIC = "topics.queries";
    public static final String DEAD_LETTER_TOPIC = "topics.dead-letters";
    public static final String ACCESS_RECORDS_TOPIC = "topics.access-records";
    public static final String ROUTE_WINDOWS_TOPIC = "topics.route-windows";
    public static final String DEAD_LETTER_SOURCES = "topics.dead-letter-sources";
    public static final String DEAD_LETTER_WINDOWS_TOPIC = "topics.dead-letter-windows";
    public static final String GRACE = "analytics.grace";
    public static final String RETENTION = "analytics.retention";
    public static final String PARTITIONS = "topics.partitions";
    public static final String REPLICATION_FACTOR = "topics.replication-factor";
    public static final String DEDUPE_WINDOW = "views.dedupe-window";
    public static final String STATE_DIR = "state.dir";
    public static final String STREAMS_PREFIX = "kafka.streams.";
    public static final String MANAGEMENT_HOST = "management.host";
    public static final String MANAGEMENT_PORT = "management.port";
    public static final String METRICS_ENABLED = "metrics.enabled";
    /** Kafka Streams settings Courier sets from its own keys or fixes; refused under {@value #STREAMS_PREFIX}. */
    public static final Set<String> SET_BY_COURIER = Set.of(StreamsConfig.APPLICATION_ID_CONFIG, StreamsConfig.BOOTSTRAP_SERVERS_CONFIG,
            StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.STATE_DIR_CONFIG, StreamsConfig.REPLICATION_FACTOR_CONFIG,
            StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG);

    /** The default management port: the one after the lag monitor's. */
    public static final int DEFAULT_MANAGEMENT_PORT = 8085;

    private static final List<String> KEYS = List.of(BOOTSTRAP_SERVERS, APPLICATION_ID, BLOG_EVENTS_TOPIC, QUERIES_TOPIC,
            DEAD_LETTER_TOPIC, ACCESS_RECORDS_TOPIC, ROUTE_WINDOWS_TOPIC, DEAD_LETTER_SOURCES, DEAD_LETTER_WINDOWS_TOPIC, PARTITIONS, REPLICATION_FACTOR, DEDUPE_WINDOW, GRACE, RETENTION, STATE_DIR, MANAGEMENT_HOST, MANAGEMENT_PORT,
            METRICS_ENABLED);

    // Kafka Streams uses it in topic names, so it follows the topic-name rule.
    private static final Pattern APPLICATION = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    public ProcessorConfig {
        ConfigRules.requireBootstrapServers(BOOTSTRAP_SERVERS, bootstrapServers);
        ConfigRules.require(APPLICATION_ID, applicationId, APPLICATION, "must be 1 to 200 letters, digits, '.', '_' or '-'");
        ConfigRules.requireTopic(BLOG_EVENTS_TOPIC, blogEventsTopic);
        ConfigRules.requireTopic(QUERIES_TOPIC, queriesTopic);
        ConfigRules.requireTopic(DEAD_LETTER_TOPIC, deadLetterTopic);
        ConfigRules.requireTopic(ACCESS_RECORDS_TOPIC, accessRecordsTopic);
        ConfigRules.requireTopic(ROUTE_WINDOWS_TOPIC, routeWindowsTopic);
        ConfigRules.requireTopic(DEAD_LETTER_WINDOWS_TOPIC, deadLetterWindowsTopic);
        if (deadLetterSources.isEmpty()) {
            throw new ConfigException(DEAD_LETTER_SOURCES, "must name at least one topic");
        }
        deadLetterSources.forEach(topic -> ConfigRules.requireTopic(DEAD_LETTER_SOURCES, topic));
        deadLetterSources = List.copyOf(deadLetterSources);
        if (deadLetterTopic.equals(queriesTopic) || deadLetterTopic.equals(blogEventsTopic) || deadLetterTopic.equals(accessRecordsTopic)) {
            throw new ConfigException(DEAD_LETTER_TOPIC, "must differ from the topics read here, or dead letters would be read again");
        }
        List<String> others = List.of(blogEventsTopic, queriesTopic, deadLetterTopic, accessRecordsTopic);
        if (routeWindowsTopic.equals(deadLetterWindowsTopic) || others.contains(routeWindowsTopic)) {
            throw new ConfigException(ROUTE_WINDOWS_TOPIC, "must differ from every other topic: each view's windows have a topic of their own");
        }
        if (others.contains(deadLetterWindowsTopic)) {
            throw new ConfigException(DEAD_LETTER_WINDOWS_TOPIC, "must differ from every other topic: each view's windows have a topic of their own");
        }
        for (String key : streamsProperties.keySet()) {
            if (SET_BY_COURIER.contains(key)) {
                throw new ConfigException(STREAMS_PREFIX + key, "is set by Courier: exactly once, its own dead letters, and "
                        + APPLICATION_ID + ", " + BOOTSTRAP_SERVERS + ", " + STATE_DIR + ", " + REPLICATION_FACTOR + " for the rest");
            }
        }
        streamsProperties = Map.copyOf(streamsProperties);
    }

    /** Reads the file (may be null), applies environment overrides, and fills what is unset with defaults. */
    public static ProcessorConfig load(Path file, Map<String, String> environment) {
        ConfigValues values = new ConfigValues(ConfigSources.load(file, environment, KEYS, List.of(STREAMS_PREFIX)));
        String applicationId = values.string(APPLICATION_ID, "courier.streams-processors");
        String deadLetters = values.string(DEAD_LETTER_TOPIC, Topics.ANALYTICS_DLQ.name());
        ProcessorConfig config = new ProcessorConfig(
                values.string(BOOTSTRAP_SERVERS, "127.0.0.1:9092"),
                applicationId,
                values.string(BLOG_EVENTS_TOPIC, Topics.BLOG_EVENTS.name()),
                values.string(QUERIES_TOPIC, Topics.ANALYTICS_QUERIES.name()),
                deadLetters,
                values.string(ACCESS_RECORDS_TOPIC, Topics.ACCESS_RECORDS.name()),
                values.string(ROUTE_WINDOWS_TOPIC, "courier.analytics.route-windows"),
                values.list(DEAD_LETTER_SOURCES, List.of(Topics.BLOG_COMMANDS_DLQ.name(), Topics.USER_COMMANDS_DLQ.name(), deadLetters)),
                values.string(DEAD_LETTER_WINDOWS_TOPIC, "courier.analytics.dead-letter-windows"),
                values.integer(PARTITIONS, 6, 1, 10_000),
                values.integer(REPLICATION_FACTOR, 1, 1, 32),
                values.duration(DEDUPE_WINDOW, Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofDays(30)),
                values.duration(GRACE, Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)),
                values.duration(RETENTION, Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(365)),
                Path.of(values.string(STATE_DIR, Path.of(System.getProperty("java.io.tmpdir"), "courier-streams").toString())),
                values.withPrefix(STREAMS_PREFIX),
                values.string(MANAGEMENT_HOST, "127.0.0.1"),
                values.integer(MANAGEMENT_PORT, DEFAULT_MANAGEMENT_PORT, 0, 65_535),
                values.bool(METRICS_ENABLED, true));
        values.rejectUnread();
        return config;
    }

}
