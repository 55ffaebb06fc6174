package dev.courier.streams;

import dev.courier.commons.config.ConfigException;
import dev.courier.commons.kafka.TopicBootstrap;
import dev.courier.commons.management.HealthCheck;
import dev.courier.commons.management.ManagementServer;
import dev.courier.commons.metrics.ProcessMetrics;
import dev.courier.commons.process.RunningProcess;
import dev.courier.schemas.command.ReplyTopics;
import dev.courier.streams.config.ProcessorConfig;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running processors: their topics ensured, the topology running under Kafka Streams with
 * exactly-once processing, and a management listener that is ready while Streams runs. A Streams
 * client that fails makes {@link #failed()} complete, so the process exits and is restarted; its
 * state is rebuilt from the changelogs.
 */
public final class ProcessorRuntime implements RunningProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessorRuntime.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final ProcessorConfig config;
    private final AdminClient admin;
    private final KafkaStreams streams;
    private final ProcessMetrics metrics;
    private final AutoCloseable streamsMetrics;
    private final CompletableFuture<String> failed = new CompletableFuture<>();
    private volatile boolean closing;
    private ManagementServer management;

    private ProcessorRuntime(ProcessorConfig config, AdminClient admin, KafkaStreams streams, ProcessMetrics metrics) {
        this.config = config;
        this.admin = admin;
        this.streams = streams;
        this.metrics = metrics;
        this.streamsMetrics = metrics.bind(new KafkaStreamsMetrics(streams));
    }

    /** Ensures the topics, starts Streams and the management listener; returns once both run. */
    public static ProcessorRuntime start(ProcessorConfig config) {
        long started = System.nanoTime();
        ProcessMetrics metrics = ProcessMetrics.create(ProcessorConfig.PROCESS_NAME, config.metricsEnabled());
        AdminClient admin = AdminClient.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, config.applicationId() + "-admin"));
        ProcessorRuntime runtime;
        try {
            ensureTopics(admin, config);
            ViewsTopology.Settings settings = new ViewsTopology.Settings(config.blogEventsTopic(), config.queriesTopic(),
                    config.deadLetterTopic(), config.accessRecordsTopic(), config.routeWindowsTopic(), config.deadLetterSources(),
                    config.deadLetterWindowsTopic(), config.dedupeWindow(), config.grace(),
                    config.retention(), new ReplyTopics(admin, Clock.systemUTC())::problemWith);
            KafkaStreams streams = new KafkaStreams(ViewsTopology.build(new StreamsBuilder(), settings), StreamsSettings.of(config));
            runtime = new ProcessorRuntime(config, admin, streams, metrics);
        } catch (RuntimeException e) {
            admin.close(Duration.ZERO);
            metrics.close();
            throw e;
        }
        try {
            runtime.run();
        } catch (RuntimeException e) {
            // Nothing of a failed start outlives it: Streams, its metrics, the listener, the clients.
            runtime.close();
            throw e;
        }
        LOG.info("streams processors started applicationId={} queries={} managementPort={} startMillis={}", config.applicationId(),
                config.queriesTopic(), runtime.managementPort(), (System.nanoTime() - started) / 1_000_000);
        return runtime;
    }

    /**
     * Creates what is missing. A query for an author must land on the partition that holds the
     * author's statistics, so the queries topic has as many partitions as the events they come from.
     */
    private static void ensureTopics(AdminClient admin, ProcessorConfig config) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        List.of(config.blogEventsTopic(), config.queriesTopic(), config.deadLetterTopic(), config.accessRecordsTopic(),
                config.routeWindowsTopic(), config.deadLetterWindowsTopic()).forEach(topic -> topics.put(topic, config.partitions()));
        config.deadLetterSources().forEach(topic -> topics.putIfAbsent(topic, config.partitions()));
        // One record per window, replaced as it fills up, forgotten after the retention.
        Map<String, String> windows = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT + "," + TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(config.retention().toMillis()));
        TopicBootstrap.ensure(admin, topics, (short) config.replicationFactor(),
                Map.of(config.routeWindowsTopic(), windows, config.deadLetterWindowsTopic(), windows));
        int events = TopicBootstrap.partitions(admin, config.blogEventsTopic());
        int queries = TopicBootstrap.partitions(admin, config.queriesTopic());
        if (events != queries) {
            throw new ConfigException(ProcessorConfig.QUERIES_TOPIC, config.queriesTopic() + " has " + queries + " partitions but "
                    + config.blogEventsTopic() + " has " + events + "; they must match, or an author's query misses the author's view");
        }
    }

    private void run() {
        streams.setUncaughtExceptionHandler(error -> {
            LOG.error("streams processing failed applicationId={} error={}", config.applicationId(), error.toString(), error);
            failed.complete("streams processing failed: " + error);
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
        streams.setStateListener((now, before) -> {
            LOG.info("streams state applicationId={} state={} previous={}", config.applicationId(), now, before);
            if (now == KafkaStreams.State.ERROR && !closing) {
                failed.complete("streams client is in state ERROR");
            }
        });
        management = ManagementServer.start(config.managementHost(), config.managementPort(), List.of(
                new HealthCheck("streams", () -> streams.state() == KafkaStreams.State.RUNNING),
                new HealthCheck("accepting", () -> !closing)), metrics);
        streams.start();
    }

    /** The port of the management listener. */
    public int managementPort() {
        return management.port();
    }

    /** The Streams client's state, for tests and health. */
    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public CompletionStage<String> failed() {
        return failed;
    }

    /** Commits, closes Streams (leaving the group), then the listener and clients. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            if (!streams.close(CloseOptions.timeout(CLOSE_TIMEOUT).withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP))) {
                LOG.warn("streams did not close within {} applicationId={}", CLOSE_TIMEOUT, config.applicationId());
            }
        } finally {
            if (management != null) {
                management.close();
            }
            try {
                streamsMetrics.close();
            } catch (Exception e) {
                LOG.warn("closing streams metrics failed error={}", e.toString());
            }
            admin.close(Duration.ofSeconds(5));
            metrics.close();
            LOG.info("streams processors stopped applicationId={}", config.applicationId());
        }
    }
}
