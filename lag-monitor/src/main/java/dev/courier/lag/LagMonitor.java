package dev.courier.lag;

import dev.courier.auth.Authenticator;
import dev.courier.commons.kafka.LogEndHistory;
import dev.courier.commons.management.BackgroundProbe;
import dev.courier.commons.management.HealthCheck;
import dev.courier.commons.metrics.ProcessMetrics;
import dev.courier.commons.process.Closer;
import dev.courier.commons.process.RunningProcess;
import dev.courier.lag.collect.DeadLetters;
import dev.courier.lag.collect.GroupLags;
import dev.courier.lag.collect.LagHistory;
import dev.courier.lag.collect.LagWatcher;
import dev.courier.lag.collect.OffsetReader;
import dev.courier.lag.collect.RecordTimestamps;
import dev.courier.lag.config.LagMonitorConfig;
import dev.courier.lag.evaluate.StatusEvaluator;
import dev.courier.lag.http.DashboardVerticle;
import dev.courier.lag.metrics.LagMetrics;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running lag monitor: one Admin client and two plain consumers (no group) reading the cluster
 * every interval, and the dashboard, API and metrics served from what they read.
 */
public final class LagMonitor implements RunningProcess {

    private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);

    private final Closer resources;
    private final DashboardVerticle dashboard;
    private final LagWatcher watcher;
    private final CompletableFuture<String> failed = new CompletableFuture<>();

    private LagMonitor(Closer resources, DashboardVerticle dashboard, LagWatcher watcher) {
        this.resources = resources;
        this.dashboard = dashboard;
        this.watcher = watcher;
    }

    public static LagMonitor start(LagMonitorConfig config) {
        Closer resources = new Closer();
        try {
            ProcessMetrics metrics = resources.register("metrics", ProcessMetrics.create("lag-monitor", config.metricsEnabled()));
            AdminClient admin = resources.register("admin", AdminClient.create(Map.of(
                    CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                    CommonClientConfigs.CLIENT_ID_CONFIG, "courier-lag-monitor",
                    CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, "5000",
                    CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000")));
            resources.register("admin-metrics", metrics.bind(admin));
            Clock clock = Clock.systemUTC();
            LagHistory history = new LagHistory(config.history().toMillis());
            KafkaConsumer<byte[], byte[]> timestamps = new KafkaConsumer<>(reader(config, "courier-lag-monitor-timestamps"));
            KafkaConsumer<byte[], byte[]> deadLetters = new KafkaConsumer<>(reader(config, "courier-lag-monitor-dead-letters"));
            LagWatcher watcher = resources.register("watcher", new LagWatcher(admin,
                    new OffsetReader(admin, group -> config.include().matcher(group).matches() && !config.exclude().matcher(group).matches(), clock),
                    new RecordTimestamps(timestamps), new DeadLetters(deadLetters),
                    new LogEndHistory(config.history().toMillis()), new GroupLags(new StatusEvaluator(config.window())), history,
                    config.deadLetters(), config.interval()));
            resources.register("timestamps-metrics", metrics.bind(timestamps));
            resources.register("dead-letters-metrics", metrics.bind(deadLetters));
            metrics.register(new LagMetrics(config.clusterName(), watcher::latest, clock));
            BackgroundProbe kafka = resources.register("kafka-probe", new BackgroundProbe("kafka",
                    () -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty(), Duration.ofSeconds(3)));
            Duration stale = config.interval().multipliedBy(5).plusSeconds(10);
            List<HealthCheck> checks = List.of(new HealthCheck("kafka", kafka::up),
                    new HealthCheck("reading", () -> clock.millis() - watcher.latest().atMillis() < stale.toMillis()));
            metrics.health(checks);
            Vertx vertx = Vertx.vertx();
            resources.register("vert.x", () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
            Optional<Authenticator> tokens = config.tokenRequired()
                    ? Optional.of(Authenticator.create(config.tokens(), Optional.empty())) : Optional.empty();
            DashboardVerticle dashboard = new DashboardVerticle(config.httpHost(), config.httpPort(), config.clusterName(), watcher, history,
                    metrics, checks, tokens);
            vertx.deployVerticle(dashboard).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            watcher.start();
            LOG.info("lag monitor started dashboard=http://{}:{}/ interval={} window={} token-required={}", config.httpHost(),
                    dashboard.port(), config.interval(), config.window(), config.tokenRequired());
            return new LagMonitor(resources, dashboard, watcher);
        } catch (Exception e) {
            resources.close();
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("the lag monitor did not start: " + e, e);
        }
    }

    /** A consumer that reads records at chosen offsets: no group, no commits, only what is committed, a few KiB per partition. */
    private static Map<String, Object> reader(LagMonitorConfig config, String clientId) {
        Map<String, Object> props = new HashMap<>(config.consumerProperties());
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        props.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.putIfAbsent(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, "16384");
        props.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "100");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return props;
    }

    public int port() {
        return dashboard.port();
    }

    public LagWatcher watcher() {
        return watcher;
    }

    @Override
    public CompletionStage<String> failed() {
        return failed;
    }

    @Override
    public void close() {
        resources.close();
        LOG.info("lag monitor stopped");
    }
}
