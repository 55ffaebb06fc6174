package dev.courier.gateway.config;

import dev.courier.auth.config.TokenRules;
import dev.courier.commons.config.ConfigException;
import dev.courier.commons.config.ConfigRules;
import dev.courier.commons.config.ConfigSources;
import dev.courier.commons.config.ConfigValues;
import dev.courier.commons.kafka.DeliveryPolicy;
import dev.courier.commons.tracing.Tracing;
import dev.courier.schemas.topic.Topics;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Everything the gateway needs to start, validated at construction. Read it with {@link #load}:
 * a properties file, then {@code COURIER_*} environment overrides; an unknown key or a bad value
 * stops start-up with a message naming the key.
 *
 * @param instanceId names this instance's reply-partition lease; empty means "read or create {@code data.dir}/instance-id"
 * @param dataDir where generated signing keys and the instance id are kept
 * @param routesFile the route file; empty means the built-in default routes
 * @param requestTtl how long {@code /requests/{id}} remembers a request and its outcome
 * @param leaseTtl how long a reply-partition lease lasts without renewal
 * @param sweepInterval how often to look for reply partitions no instance holds and record their replies
 * @param management where {@code /metrics} and the health endpoints are served apart from the API
 * @param metricsEnabled false records no metrics (to measure what they cost)
 * @param admission when the consumers' lag refuses synchronous requests at once
 * @param accessRecords the access records published for the route analytics
 * @param rateLimits how the routes' rate limits are shared and what they do when Redis is down
 * @param routesReloadInterval how often the route file is read again for a new version; 0 never
 * @param cacheMaxEntities the most entities whose answers the cached routes keep, least recently used going first
 * @param breakers when requests stop being sent to a failing Kafka or Redis
 * @param otlpEndpoint where spans are sent (OTLP/HTTP); none are made without it
 */
public record GatewayConfig(HttpSettings http, KafkaSettings kafka, String redisAddress, Duration redisTimeout,
                            AuthSettings auth, IssuerSettings issuer, Optional<Path> routesFile,
                            Optional<String> instanceId, Path dataDir, Duration requestTtl, Duration leaseTtl,
                            Duration sweepInterval, ManagementSettings management, boolean metricsEnabled,
                            AdmissionSettings admission, AccessRecordSettings accessRecords,
                            RateLimitSettings rateLimits, Duration routesReloadInterval, int cacheMaxEntities,
                            BreakerSettings breakers, Optional<URI> otlpEndpoint) {

    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String HTTP_PUBLIC_URL = "http.public-url";
    public static final String HTTP_MAX_BODY = "http.max-body-bytes";
    public static final String HTTP_MAX_HEADER = "http.max-header-bytes";
    public static final String HTTP_MAX_JSON_DEPTH = "http.max-json-depth";
    public static final String HTTP_IDLE_TIMEOUT = "http.idle-timeout";
    public static final String HTTP_MAX_PENDING = "http.max-pending";
    public static final String HTTP_EVENT_LOOPS = "http.event-loops";
    public static final String HTTP_COMPRESSION_ENABLED = "http.compression.enabled";
    public static final String HTTP_COMPRESSION_MIN_BYTES = "http.compression.min-bytes";
    public static final String HTTP_COMPRESSION_LEVEL = "http.compression.level";
    public static final String HTTP_DRAIN_GRACE = "http.drain-grace";
    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String PRODUCER_PREFIX = DeliveryPolicy.PRODUCER_PREFIX;
    public static final String CONSUMER_PREFIX = DeliveryPolicy.CONSUMER_PREFIX;
    public static final String REPLY_TOPIC = "topics.replies";
    public static final String REPLY_PARTITIONS = "topics.reply-partitions";
    public static final String PARTITIONS = "topics.partitions";
    public static final String REPLICATION_FACTOR = "topics.replication-factor";
    public static final String REPLY_GROUP = "kafka.reply-group.id";
    public static final String REDIS_ADDRESS = "redis.address";
    public static final String REDIS_TIMEOUT = "redis.timeout";
    public static final String AUTH_ISSUER = "auth.issuer";
    public static final String ISSUER_ENABLED = "issuer.enabled";
    public static final String ISSUER_CLIENTS_FILE = "issuer.clients-file";
    public static final String ISSUER_SIGNING_KEY_FILE = "issuer.signing-key-file";
    public static final String ISSUER_TOKEN_TTL = "issuer.token-ttl";
    public static final String ISSUER_MAX_PER_ADDRESS = "issuer.throttle.max-attempts-per-address";
    public static final String ISSUER_MAX_PER_CLIENT_AND_ADDRESS = "issuer.throttle.max-attempts-per-client-and-address";
    public static final String ISSUER_MAX_PER_CLIENT = "issuer.throttle.max-attempts-per-client";
    public static final String ISSUER_THROTTLE_WINDOW = "issuer.throttle.window";
    public static final String ISSUER_HASH_THREADS = "issuer.hash-threads";
    public static final String ISSUER_HASH_QUEUE = "issuer.hash-queue";
    public static final String ROUTES_FILE = "routes.file";
    public static final String INSTANCE_ID = "gateway.instance-id";
    public static final String DATA_DIR = "data.dir";
    public static final String REQUEST_TTL = "requests.ttl";
    public static final String LEASE_TTL = "replies.lease-ttl";
    public static final String SWEEP_INTERVAL = "replies.sweep-interval";
    public static final String MANAGEMENT_HOST = "management.host";
    public static final String MANAGEMENT_PORT = "management.port";
    public static final String METRICS_ENABLED = "metrics.enabled";
    public static final String ADMISSION_LAG_ENABLED = "admission.lag.enabled";
    public static final String ADMISSION_LAG_INTERVAL = "admission.lag.interval";
    public static final String ADMISSION_NO_CONSUMER_GRACE = "admission.lag.no-consumer-grace";
    public static final String ACCESS_RECORDS_ENABLED = "analytics.access-records.enabled";
    public static final String ACCESS_RECORDS_TOPIC = "topics.access-records";
    public static final String ACCESS_RECORDS_BUFFER = "analytics.access-records.buffer";
    public static final String RATE_LIMITS_WHEN_REDIS_DOWN = "rate-limits.when-redis-down";
    public static final String RATE_LIMITS_SYNC_INTERVAL = "rate-limits.sync-interval";
    public static final String RATE_LIMITS_REDIS_TIMEOUT = "rate-limits.redis-timeout";
    public static final String RATE_LIMITS_MAX_CALLERS = "rate-limits.max-callers";
    public static final String ROUTES_RELOAD_INTERVAL = "routes.reload-interval";
    public static final String CACHE_MAX_ENTITIES = "cache.max-entities";
    public static final String TRACING_OTLP_ENDPOINT = Tracing.OTLP_ENDPOINT;
    public static final String BREAKERS_ENABLED = "breakers.enabled";
    public static final String BREAKERS_FAILURE_RATE = "breakers.failure-rate";
    public static final String BREAKERS_WINDOW = "breakers.window";
    public static final String BREAKERS_SLOW_CALL = "breakers.slow-call";
    public static final String BREAKERS_OPEN_FOR = "breakers.open-for";

    public static final List<String> KEYS = Stream.concat(TokenRules.KEYS.stream(), Stream.of(HTTP_HOST, HTTP_PORT, HTTP_PUBLIC_URL, HTTP_MAX_BODY, HTTP_MAX_HEADER,
            HTTP_MAX_JSON_DEPTH, HTTP_IDLE_TIMEOUT, HTTP_MAX_PENDING, HTTP_EVENT_LOOPS, HTTP_COMPRESSION_ENABLED, HTTP_COMPRESSION_MIN_BYTES, HTTP_DRAIN_GRACE,
            HTTP_COMPRESSION_LEVEL, BOOTSTRAP_SERVERS, REPLY_TOPIC, REPLY_PARTITIONS,
            PARTITIONS, REPLICATION_FACTOR, REPLY_GROUP, REDIS_ADDRESS, REDIS_TIMEOUT, AUTH_ISSUER, ISSUER_ENABLED,
            ISSUER_CLIENTS_FILE, ISSUER_SIGNING_KEY_FILE, ISSUER_TOKEN_TTL, ISSUER_MAX_PER_ADDRESS, ISSUER_MAX_PER_CLIENT_AND_ADDRESS, ISSUER_MAX_PER_CLIENT,
            ISSUER_THROTTLE_WINDOW, ISSUER_HASH_THREADS, ISSUER_HASH_QUEUE, ROUTES_FILE, INSTANCE_ID, DATA_DIR,
            REQUEST_TTL, LEASE_TTL, SWEEP_INTERVAL, MANAGEMENT_HOST, MANAGEMENT_PORT, METRICS_ENABLED,
            ADMISSION_LAG_ENABLED, ADMISSION_LAG_INTERVAL, ADMISSION_NO_CONSUMER_GRACE, ACCESS_RECORDS_ENABLED, ACCESS_RECORDS_TOPIC,
            ACCESS_RECORDS_BUFFER, RATE_LIMITS_WHEN_REDIS_DOWN, RATE_LIMITS_SYNC_INTERVAL, RATE_LIMITS_REDIS_TIMEOUT,
            RATE_LIMITS_MAX_CALLERS, ROUTES_RELOAD_INTERVAL, CACHE_MAX_ENTITIES, BREAKERS_ENABLED, BREAKERS_FAILURE_RATE, BREAKERS_WINDOW,
            BREAKERS_SLOW_CALL, BREAKERS_OPEN_FOR, TRACING_OTLP_ENDPOINT)).toList();

    private static final Pattern INSTANCE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public GatewayConfig {
        ConfigRules.requireBootstrapServers(BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        ConfigRules.requireRedisAddress(REDIS_ADDRESS, redisAddress);
        instanceId.filter(id -> !INSTANCE.matcher(id).matches()).ifPresent(id -> {
            throw new ConfigException(INSTANCE_ID, "must be 1 to 64 letters, digits, '.', '_' or '-', was '" + id + "'");
        });
        ConfigRules.requireTopic(REPLY_TOPIC, kafka.replyTopic());
        ConfigRules.requireTopic(ACCESS_RECORDS_TOPIC, accessRecords.topic());
        if (!issuer.enabled() && auth.tokens().trusted().isEmpty()) {
            throw new ConfigException(ISSUER_ENABLED, "with the built-in issuer off, name at least one issuer in "
                    + TokenRules.TRUSTED_ISSUERS + ", or no token could ever be accepted");
        }
    }

    /** Reads the file (may be null), then the environment. */
    public static GatewayConfig load(Path file, Map<String, String> environment) {
        ConfigValues values = new ConfigValues(ConfigSources.load(file, environment, KEYS,
                List.of(PRODUCER_PREFIX, CONSUMER_PREFIX, TokenRules.TRUSTED_ISSUER_PREFIX)));
        HttpSettings http = HttpSettings.read(values);
        KafkaSettings kafka = new KafkaSettings(
                values.string(BOOTSTRAP_SERVERS, "127.0.0.1:9092"),
                values.string(REPLY_TOPIC, Topics.REPLIES.name()),
                values.integer(REPLY_PARTITIONS, 12, 1, 10_000),
                values.integer(PARTITIONS, 6, 1, 10_000),
                values.integer(REPLICATION_FACTOR, 1, 1, 32),
                values.string(REPLY_GROUP, "courier.gateway.replies"),
                values.withPrefix(PRODUCER_PREFIX),
                values.withPrefix(CONSUMER_PREFIX));
        Path dataDir = Path.of(values.string(DATA_DIR, ".courier/gateway"));
        GatewayConfig config = new GatewayConfig(http, kafka,
                values.string(REDIS_ADDRESS, "redis://127.0.0.1:6379"),
                values.duration(REDIS_TIMEOUT, Duration.ofSeconds(3), Duration.ofMillis(100), Duration.ofMinutes(1)),
                AuthSettings.read(values, http.publicUrl()),
                IssuerSettings.read(values, dataDir),
                Optional.ofNullable(values.string(ROUTES_FILE, null)).map(Path::of),
                Optional.ofNullable(values.string(INSTANCE_ID, null)),
                dataDir,
                values.duration(REQUEST_TTL, Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofDays(30)),
                values.duration(LEASE_TTL, Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMinutes(10)),
                values.duration(SWEEP_INTERVAL, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                new ManagementSettings(values.string(MANAGEMENT_HOST, "127.0.0.1"), values.integer(MANAGEMENT_PORT, 8083, 0, 65_535)),
                values.bool(METRICS_ENABLED, true),
                new AdmissionSettings(values.bool(ADMISSION_LAG_ENABLED, true),
                        values.duration(ADMISSION_LAG_INTERVAL, Duration.ofSeconds(1), Duration.ofMillis(200), Duration.ofMinutes(1)),
                        values.duration(ADMISSION_NO_CONSUMER_GRACE, Duration.ofSeconds(3), Duration.ZERO, Duration.ofMinutes(10))),
                new AccessRecordSettings(values.bool(ACCESS_RECORDS_ENABLED, true),
                        values.string(ACCESS_RECORDS_TOPIC, Topics.ACCESS_RECORDS.name()),
                        values.integer(ACCESS_RECORDS_BUFFER, 10_000, 1, 1_000_000)),
                new RateLimitSettings(values.choice(RATE_LIMITS_WHEN_REDIS_DOWN, RateLimitSettings.WhenRedisDown.CLOSED,
                        RateLimitSettings.WhenRedisDown.class),
                        values.duration(RATE_LIMITS_SYNC_INTERVAL, Duration.ofSeconds(1), Duration.ZERO, Duration.ofMinutes(1)),
                        values.duration(RATE_LIMITS_REDIS_TIMEOUT, Duration.ofMillis(250), Duration.ofMillis(10), Duration.ofSeconds(30)),
                        values.integer(RATE_LIMITS_MAX_CALLERS, 100_000, 1, 10_000_000)),
                values.duration(ROUTES_RELOAD_INTERVAL, Duration.ofSeconds(1), Duration.ZERO, Duration.ofHours(1)),
                values.integer(CACHE_MAX_ENTITIES, 10_000, 1, 10_000_000),
                new BreakerSettings(values.bool(BREAKERS_ENABLED, true), values.integer(BREAKERS_FAILURE_RATE, 50, 1, 100),
                        values.integer(BREAKERS_WINDOW, 20, 2, 10_000),
                        values.duration(BREAKERS_SLOW_CALL, Duration.ofSeconds(2), Duration.ofMillis(10), Duration.ofMinutes(5)),
                        values.duration(BREAKERS_OPEN_FOR, Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMinutes(10))),
                values.optionalHttpUrl(TRACING_OTLP_ENDPOINT));
        values.rejectUnread();
        return config;
    }
}
