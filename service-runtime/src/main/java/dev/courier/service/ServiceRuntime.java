package dev.courier.service;

import dev.courier.commons.kafka.TopicBootstrap;
import dev.courier.commons.management.HealthCheck;
import dev.courier.commons.management.ManagementServer;
import dev.courier.commons.metrics.ProcessMetrics;
import dev.courier.commons.process.Closer;
import dev.courier.commons.process.RunningProcess;
import dev.courier.commons.redis.RedisClients;
import dev.courier.commons.tracing.Tracing;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.command.CommandIntake;
import dev.courier.schemas.command.ReplyTopics;
import dev.courier.schemas.json.JsonToAvro;
import dev.courier.schemas.kafka.MessageReader;
import dev.courier.service.config.ServiceConfig;
import dev.courier.service.internal.kafka.CommandLoop;
import dev.courier.service.internal.kafka.KafkaClients;
import dev.courier.service.internal.kafka.Outbox;
import dev.courier.service.internal.processing.BatchProcessor;
import dev.courier.service.internal.processing.CommandSpans;
import dev.courier.service.internal.processing.OutcomeEncoder;
import dev.courier.service.internal.processing.OutgoingRecords;
import dev.courier.service.internal.processing.ServiceMetrics;
import dev.courier.service.store.RedisAtomicWriter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.redisson.api.RedissonClient;
import org.redisson.client.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running service: its topics ensured, one Redis client, one idempotent producer shared by
 * {@link ServiceConfig#concurrency()} command loops, each on its own thread and consumer, and a
 * management listener whose readiness says whether every loop runs and Redis is reachable. A loop
 * that dies makes the service not ready and {@link #failed()} complete, so its process exits.
 */
public final class ServiceRuntime implements RunningProcess {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRuntime.class);
    /** Longest a stopping loop may take to finish and commit its batch. */
    private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(30);

    private final ServiceConfig config;
    private final AdminClient admin;
    private final RedissonClient redis;
    private final Producer<byte[], byte[]> producer;
    private final List<CommandLoop> loops = new CopyOnWriteArrayList<>();
    private final CompletableFuture<String> failed = new CompletableFuture<>();
    private volatile boolean closing;
    private ManagementServer management;

    private final Tracing tracing;
    private final ProcessMetrics metrics;
    private final Closer meterBindings = new Closer();

    private ServiceRuntime(ServiceConfig config, AdminClient admin, RedissonClient redis, Producer<byte[], byte[]> producer, ProcessMetrics metrics,
                           Tracing tracing) {
        this.config = config;
        this.admin = admin;
        this.redis = redis;
        this.producer = producer;
        this.metrics = metrics;
        this.tracing = tracing;
    }

    /** Ensures the topics, connects, and starts consuming; returns once every loop runs. */
    public static ServiceRuntime start(ServiceConfig config, ServiceDefinition definition) {
        return start(config, definition, Tracing.of(config.serviceName(), config.otlpEndpoint()));
    }

    /** With the spans going where {@code tracing} sends them (tests pass an in-memory exporter's); closed with the service. */
    public static ServiceRuntime start(ServiceConfig config, ServiceDefinition definition, Tracing tracing) {
        long started = System.nanoTime();
        ProcessMetrics metrics = ProcessMetrics.create(config.serviceName(), config.metricsEnabled());
        AdminClient admin = AdminClient.create(KafkaClients.admin(config));
        RedissonClient redis = null;
        Producer<byte[], byte[]> producer = null;
        try {
            Map<String, Integer> topics = new LinkedHashMap<>();
            List.of(config.commandTopic(), config.eventTopic(), config.deadLetterTopic()).forEach(topic -> topics.put(topic, config.partitions()));
            TopicBootstrap.ensure(admin, topics, (short) config.replicationFactor());
            redis = RedisClients.create(config.redisAddress(), config.redisTimeout(), config.serviceName());
            producer = new KafkaProducer<>(KafkaClients.producer(config, config.serviceName() + "-producer"));
            ServiceRuntime runtime = new ServiceRuntime(config, admin, redis, producer, metrics, tracing);
            runtime.meterBindings.register("admin-metrics", metrics.bind(admin));
            runtime.meterBindings.register("producer-metrics", metrics.bind(producer));
            runtime.startLoops(definition);
            LOG.info("service started service={} topic={} group={} concurrency={} managementPort={} startMillis={}",
                    config.serviceName(), config.commandTopic(), config.groupId(), config.concurrency(),
                    runtime.managementPort(), (System.nanoTime() - started) / 1_000_000);
            return runtime;
        } catch (RuntimeException e) {
            // Nothing of a failed start may outlive it: loops, listener and clients all go.
            if (producer != null) {
                producer.close(Duration.ZERO);
            }
            if (redis != null) {
                redis.shutdown();
            }
            admin.close(Duration.ZERO);
            metrics.close();
            tracing.close();
            throw e;
        }
    }

    private void startLoops(ServiceDefinition definition) {
        SchemaCatalog catalog = SchemaCatalog.released();
        MessageReader<SpecificRecord> reader = new MessageReader<>(new SingleObjectCodec<>(definition.commands(), catalog), new JsonToAvro());
        ReplyTopics replyTopics = new ReplyTopics(admin, Clock.systemUTC());
        OutcomeEncoder encoder = new OutcomeEncoder(new SingleObjectCodec<Reply>(Messages.REPLIES, catalog),
                new SingleObjectCodec<>(definition.events(), catalog));
        RedisAtomicWriter writer = new RedisAtomicWriter(redis, definition.keyPrefix(), config.replyTtl());
        ServiceMetrics serviceMetrics = new ServiceMetrics(metrics.registry());
        BatchProcessor processor = new BatchProcessor(new CommandIntake(reader, replyTopics::problemWith),
                definition.handler().apply(redis), writer, encoder,
                new OutgoingRecords(config.eventTopic(), config.deadLetterTopic()), serviceMetrics,
                new CommandSpans(tracing.tracer("dev.courier.service")));
        Gauge.builder("courier.redis.paused.loops", loops, all -> all.stream().filter(CommandLoop::isPaused).count())
                .description("Command loops paused because Redis is unreachable").register(metrics.registry());
        FunctionCounter.builder("courier.redis.paused.time", loops, all -> all.stream().mapToDouble(CommandLoop::pausedSeconds).sum())
                .baseUnit("seconds").description("Time command loops have spent paused for Redis").register(metrics.registry());
        Outbox outbox = new Outbox(producer);
        String probeKey = definition.keyPrefix() + "probe";
        try {
            management = ManagementServer.start(config.managementHost(), config.managementPort(), List.of(
                    new HealthCheck("commandLoops", () -> loops.stream().allMatch(CommandLoop::isAlive)),
                    new HealthCheck("redis", () -> !isWaitingForRedis()),
                    new HealthCheck("accepting", () -> !closing)), metrics);
            for (int i = 0; i < config.concurrency(); i++) {
                String clientId = config.serviceName() + "-consumer-" + i;
                KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(config, clientId));
                meterBindings.register(clientId + "-metrics", metrics.bind(consumer));
                CommandLoop loop = new CommandLoop(consumer, config.commandTopic(),
                        processor, outbox, writer, () -> isReachable(redis, probeKey), config.maxBackoff(), serviceMetrics);
                loops.add(loop);
                loop.ended().thenAccept(reason -> {
                    if (!closing) {
                        failed.complete(reason);
                    }
                });
                new Thread(loop, clientId).start();
            }
        } catch (RuntimeException e) {
            closing = true;
            stopLoops();
            if (management != null) {
                management.close();
            }
            throw e;
        }
    }

    /** The port of the management listener. */
    public int managementPort() {
        return management.port();
    }

    @Override
    public CompletionStage<String> failed() {
        return failed;
    }

    public ServiceConfig config() {
        return config;
    }

    /** Whether any command loop is paused because Redis is unreachable. */
    public boolean isWaitingForRedis() {
        return loops.stream().anyMatch(CommandLoop::isPaused);
    }

    /** Lets every loop finish and commit its batch and leave the group, then closes the clients. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        closing = true;
        try {
            stopLoops();
        } finally {
            if (management != null) {
                management.close();
            }
            meterBindings.close();
            producer.close(Duration.ofSeconds(10));
            redis.shutdown();
            admin.close(Duration.ofSeconds(5));
            metrics.close();
            tracing.close();
            LOG.info("service stopped service={}", config.serviceName());
        }
    }

    /** Lets every loop finish and commit its batch and leave the group. */
    private void stopLoops() {
        try {
            for (CommandLoop loop : loops) {
                if (!loop.stop(DRAIN_TIMEOUT)) {
                    LOG.warn("command loop did not stop within {} service={}", DRAIN_TIMEOUT, config.serviceName());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static boolean isReachable(RedissonClient redis, String probeKey) {
        try {
            redis.getBucket(probeKey).isExists();
            return true;
        } catch (RedisException e) {
            return false;
        }
    }
}
