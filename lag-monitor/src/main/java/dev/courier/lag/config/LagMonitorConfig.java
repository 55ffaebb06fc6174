package dev.courier.lag.config;

import dev.courier.auth.config.TokenRules;
import dev.courier.commons.config.ConfigException;
import dev.courier.commons.config.ConfigRules;
import dev.courier.commons.config.ConfigSources;
import dev.courier.commons.config.ConfigValues;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;

/**
 * Everything the lag monitor needs, validated at construction; read with {@link #load}: a properties
 * file, then {@code COURIER_*} environment overrides, unknown keys refused.
 *
 * @param bootstrapServers {@value #BOOTSTRAP_SERVERS}
 * @param clusterName {@value #CLUSTER_NAME}: the {@code cluster_name} label of every lag metric
 * @param include {@value #GROUPS_INCLUDE}: groups watched (a regular expression the whole name matches)
 * @param exclude {@value #GROUPS_EXCLUDE}: groups left out even when included
 * @param deadLetters {@value #DEAD_LETTER_TOPICS}: topics shown as dead-letter topics
 * @param interval {@value #INTERVAL}: how often the cluster is read
 * @param window {@value #WINDOW}: observations a status is evaluated over
 * @param history {@value #HISTORY}: how far back each group's lag is kept for the charts
 * @param httpHost {@value #HTTP_HOST}: where the dashboard, the API and /metrics are served; anything
 *     but a loopback address requires a bearer token with scope {@code ops:read}
 * @param httpPort {@value #HTTP_PORT}
 * @param metricsEnabled {@value #METRICS_ENABLED}
 * @param tokenRequired {@value #AUTH_REQUIRED}: whether everything but the health checks needs a bearer
 *     token with scope {@value #OPS_SCOPE}; always when {@code httpHost} is not a loopback address
 * @param tokens how bearer tokens are checked: the {@code auth.*} keys, as the gateway reads them, so
 *     the same issuers are trusted
 */
public record LagMonitorConfig(String bootstrapServers, String clusterName, Pattern include, Pattern exclude, Pattern deadLetters,
                               Duration interval, int window, Duration history, String httpHost, int httpPort,
                               boolean metricsEnabled, boolean tokenRequired, TokenRules tokens, Map<String, String> consumerProperties) {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String CLUSTER_NAME = "cluster.name";
    public static final String GROUPS_INCLUDE = "groups.include";
    public static final String GROUPS_EXCLUDE = "groups.exclude";
    public static final String DEAD_LETTER_TOPICS = "dead-letters.topics";
    public static final String INTERVAL = "interval";
    public static final String WINDOW = "evaluation.window";
    public static final String HISTORY = "history";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String METRICS_ENABLED = "metrics.enabled";
    public static final String AUTH_REQUIRED = "auth.required";
    public static final String CONSUMER_PREFIX = "kafka.consumer.";

    /** The scope a token needs for anything but the health endpoints when the monitor listens beyond loopback. */
    public static final String OPS_SCOPE = "ops:read";

    public static final List<String> KEYS = Stream.concat(Stream.of(BOOTSTRAP_SERVERS, CLUSTER_NAME, GROUPS_INCLUDE, GROUPS_EXCLUDE,
                    DEAD_LETTER_TOPICS, INTERVAL, WINDOW, HISTORY, HTTP_HOST, HTTP_PORT, METRICS_ENABLED, AUTH_REQUIRED),
            TokenRules.KEYS.stream()).toList();

    public LagMonitorConfig {
        ConfigRules.requireBootstrapServers(BOOTSTRAP_SERVERS, bootstrapServers);
        if (history.compareTo(interval.multipliedBy(window)) <= 0) {
            throw new ConfigException(HISTORY, "must be longer than " + WINDOW + " × " + INTERVAL);
        }
        if (!tokenRequired && !loopback(httpHost)) {
            throw new ConfigException(AUTH_REQUIRED, "cannot be false while " + HTTP_HOST + " '" + httpHost
                    + "' is not a loopback address: lag, group names and dead letters are for operators only");
        }
        if (tokenRequired && tokens.trusted().isEmpty()) {
            throw new ConfigException(TokenRules.TRUSTED_ISSUERS, "names no issuer, yet every request but the health checks needs a bearer"
                    + " token with scope " + OPS_SCOPE + (loopback(httpHost) ? "" : " (" + HTTP_HOST + " '" + httpHost + "' is not loopback)")
                    + "; for the gateway's own issuer: issuer <its http.public-url>, jwks.url <its http.public-url>/.well-known/jwks.json");
        }
        consumerProperties = Map.copyOf(consumerProperties);
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new ConfigException(HTTP_HOST, "'" + host + "' does not resolve to an address");
        }
    }

    /** Reads the file (may be null), then the environment. */
    public static LagMonitorConfig load(Path file, Map<String, String> environment) {
        ConfigValues values = new ConfigValues(ConfigSources.load(file, environment, KEYS,
                List.of(CONSUMER_PREFIX, TokenRules.TRUSTED_ISSUER_PREFIX)));
        String httpHost = values.string(HTTP_HOST, "127.0.0.1");
        LagMonitorConfig config = new LagMonitorConfig(
                values.string(BOOTSTRAP_SERVERS, "127.0.0.1:9092"),
                values.string(CLUSTER_NAME, "courier"),
                regex(GROUPS_INCLUDE, values.string(GROUPS_INCLUDE, ".*")),
                regex(GROUPS_EXCLUDE, values.string(GROUPS_EXCLUDE, "(?!)")),
                regex(DEAD_LETTER_TOPICS, values.string(DEAD_LETTER_TOPICS, ".*\\.dlq")),
                values.duration(INTERVAL, Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofMinutes(5)),
                values.integer(WINDOW, 10, 2, 1000),
                values.duration(HISTORY, Duration.ofHours(1), Duration.ofMinutes(1), Duration.ofDays(1)),
                httpHost,
                values.integer(HTTP_PORT, 8084, 0, 65_535),
                values.bool(METRICS_ENABLED, true),
                values.bool(AUTH_REQUIRED, !loopback(httpHost)),
                TokenRules.read(values, Set.of()),
                values.withPrefix(CONSUMER_PREFIX));
        values.rejectUnread();
        return config;
    }

    private static Pattern regex(String key, String value) {
        try {
            return Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(key, "is not a regular expression: " + e.getDescription());
        }
    }
}
