package dev.courier.gateway;

import dev.courier.auth.Authenticator;
import dev.courier.auth.BuiltInIssuer;
import dev.courier.commons.kafka.TopicBootstrap;
import dev.courier.commons.management.BackgroundProbe;
import dev.courier.commons.management.HealthCheck;
import dev.courier.commons.management.ManagementServer;
import dev.courier.commons.metrics.ProcessMetrics;
import dev.courier.commons.process.Closer;
import dev.courier.commons.process.RunningProcess;
import dev.courier.commons.redis.RedisClients;
import dev.courier.commons.tracing.Tracing;
import dev.courier.gateway.admission.AdmissionRefusals;
import dev.courier.gateway.admission.ConsumerLag;
import dev.courier.gateway.admission.LagAdmission;
import dev.courier.gateway.breaker.DependencyBreaker;
import dev.courier.gateway.cache.CacheMetrics;
import dev.courier.gateway.cache.EventInvalidations;
import dev.courier.gateway.cache.ResponseCache;
import dev.courier.gateway.command.CommandCodecs;
import dev.courier.gateway.command.CommandMapper;
import dev.courier.gateway.command.CommandPublisher;
import dev.courier.gateway.config.GatewayConfig;
import dev.courier.gateway.describe.ApiDescriptions;
import dev.courier.gateway.http.AccessLog;
import dev.courier.gateway.http.AccessRecords;
import dev.courier.gateway.http.BearerAuth;
import dev.courier.gateway.http.GatewayVerticle;
import dev.courier.gateway.http.HealthHandlers;
import dev.courier.gateway.http.OutcomeRenderer;
import dev.courier.gateway.http.RequestStatusHandler;
import dev.courier.gateway.http.Responder;
import dev.courier.gateway.http.TokenEndpoint;
import dev.courier.gateway.http.WellKnownHandlers;
import dev.courier.gateway.issuer.ClientRegistry;
import dev.courier.gateway.issuer.SecretChecks;
import dev.courier.gateway.issuer.SigningKeys;
import dev.courier.gateway.issuer.TokenIssuer;
import dev.courier.gateway.issuer.TokenThrottle;
import dev.courier.gateway.kafka.AccessRecordPublisher;
import dev.courier.gateway.kafka.GatewayKafka;
import dev.courier.gateway.path.AdmissionRule;
import dev.courier.gateway.path.RequestPath;
import dev.courier.gateway.ratelimit.RateLimitMetrics;
import dev.courier.gateway.ratelimit.RateLimiter;
import dev.courier.gateway.ratelimit.SharedRateLimiter;
import dev.courier.gateway.reply.OrphanReplySweeper;
import dev.courier.gateway.reply.ReplyConsumer;
import dev.courier.gateway.reply.ReplyMetrics;
import dev.courier.gateway.reply.ReplyPartitionLease;
import dev.courier.gateway.reply.ReplyRouter;
import dev.courier.gateway.route.LiveRoutes;
import dev.courier.gateway.route.Route;
import dev.courier.gateway.route.RouteFile;
import dev.courier.gateway.route.RouteReloader;
import dev.courier.gateway.route.RouteTable;
import dev.courier.gateway.store.RedisRequestStore;
import dev.courier.gateway.store.RequestStore;
import dev.courier.gateway.tracing.ReplySpans;
import dev.courier.gateway.tracing.RequestSpans;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.json.JsonLimits;
import dev.courier.schemas.json.JsonToAvro;
import dev.courier.schemas.kafka.ReplyTo;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.TopicPartition;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running gateway: wires config, auth, routes, Kafka, Redis and the HTTP server, and takes them
 * down in order. {@link #close} drains first: no new requests, in-flight ones get their reply or
 * their deadline. A start that fails half-way closes everything it opened.
 */
public final class Gateway implements RunningProcess {

    private static final Logger LOG = LoggerFactory.getLogger(Gateway.class);
    /** Access log lines that may wait for the next write: 50 ms at 160,000 requests a second. */
    private static final int ACCESS_LOG_BUFFER = 8192;
    private static final Duration PROBE_INTERVAL = Duration.ofSeconds(3);

    private final Closer resources;
    private final GatewayVerticle verticle;
    private final ReplyMetrics metrics;
    private final ReplyPartitionLease lease;
    private final LiveRoutes routes;
    private final Duration drainGrace;
    private final Draining draining;
    private final CompletableFuture<String> failed = new CompletableFuture<>();

    private Gateway(Closer resources, GatewayVerticle verticle, ReplyMetrics metrics, ReplyPartitionLease lease,
                    LiveRoutes routes, Duration drainGrace, Draining draining) {
        this.resources = resources;
        this.verticle = verticle;
        this.metrics = metrics;
        this.lease = lease;
        this.routes = routes;
        this.drainGrace = drainGrace;
        this.draining = draining;
    }

    public static Gateway start(GatewayConfig config) {
        return start(config, Tracing.of("edge-gateway", config.otlpEndpoint()));
    }

    /** With the spans going where {@code tracing} sends them (tests pass an in-memory exporter's). */
    public static Gateway start(GatewayConfig config, Tracing tracing) {
        Closer resources = new Closer();
        resources.register("tracing", tracing);
        try {
            return start(config, resources, tracing);
        } catch (RuntimeException e) {
            resources.close();
            throw e;
        }
    }

    private static Gateway start(GatewayConfig config, Closer resources, Tracing tracing) {
        byte[] routeFile = config.routesFile().map(RouteFile::read).orElse(null);
        RouteTable routes = routeFile == null ? RouteFile.load(Optional.empty()) : RouteFile.parse(routeFile, config.routesFile().get().toString());
        LiveRoutes live = new LiveRoutes(routes);
        ProcessMetrics processMetrics = resources.register("metrics", ProcessMetrics.create("edge-gateway", config.metricsEnabled()));
        MeterRegistry meters = processMetrics.registry();
        String instanceId = config.instanceId().orElseGet(() -> InstanceIds.readOrCreate(config.dataDir()));

        SigningKeys keys = config.issuer().enabled() ? SigningKeys.loadOrGenerate(config.issuer().signingKeyFile()) : null;
        Authenticator authenticator = Authenticator.create(config.auth().tokens(),
                Optional.ofNullable(keys).map(signing -> new BuiltInIssuer(config.auth().issuer(), signing.publicKeys())));
        ClientRegistry clients = keys == null ? null : ClientRegistry.load(config.issuer().clientsFile());

        RedissonClient redis = RedisClients.create(config.redisAddress(), config.redisTimeout(), "courier-gateway-" + instanceId);
        resources.register("redis", redis::shutdown);
        AdminClient admin = resources.register("kafka-admin", AdminClient.create(GatewayKafka.admin(config.kafka())));
        resources.register("kafka-admin-metrics", processMetrics.bind(admin));
        Map<String, Integer> topics = new LinkedHashMap<>();
        topics.put(config.kafka().replyTopic(), config.kafka().replyPartitions());
        if (config.accessRecords().enabled()) {
            topics.putIfAbsent(config.accessRecords().topic(), config.kafka().commandPartitions());
        }
        TopicBootstrap.ensure(admin, topics, (short) config.kafka().replicationFactor());
        int replyPartitions = TopicBootstrap.partitions(admin, config.kafka().replyTopic());

        ReplyPartitionLease lease = resources.register("reply-lease",
                new ReplyPartitionLease(redis, config.kafka().replyTopic(), replyPartitions, instanceId, config.leaseTtl()));
        int partition = lease.acquire();
        ReplyTo replyTo = ReplyTo.of(config.kafka().replyTopic(), partition);

        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(GatewayKafka.producer(config.kafka(), "courier-gateway-" + instanceId));
        CommandPublisher publisher = resources.register("command-publisher", new CommandPublisher(producer));
        resources.register("producer-metrics", processMetrics.bind(producer));
        if (config.accessRecords().enabled()) {
            publisher.learn(List.of(config.accessRecords().topic()), RouteNeeds.METADATA_WAIT);
        }
        AccessRecords published = !config.accessRecords().enabled() ? AccessRecords.NONE
                : resources.register("access-records", new AccessRecordPublisher(producer, config.accessRecords().topic(), instanceId,
                        new SingleObjectCodec<>(Messages.ACCESS_RECORDS, SchemaCatalog.released()), config.accessRecords().buffer(), meters));
        AccessRecords accessRecords = AccessRecords.both(resources.register("access-log", new AccessLog(ACCESS_LOG_BUFFER, meters)), published);

        RequestStore store = new RedisRequestStore(redis, config.requestTtl());
        ReplyMetrics metrics = new ReplyMetrics().bindTo(meters);
        ReplyRouter router = new ReplyRouter(metrics);
        KafkaConsumer<byte[], byte[]> replyConsumer = new KafkaConsumer<>(GatewayKafka.replyConsumer(config.kafka(), "courier-gateway-replies-" + instanceId));
        ReplyConsumer replies = resources.register("reply-consumer", new ReplyConsumer(replyConsumer,
                new TopicPartition(config.kafka().replyTopic(), partition), router, store, metrics,
                new ReplySpans(tracing.tracer("dev.courier.gateway"))));
        resources.register("reply-consumer-metrics", processMetrics.bind(replyConsumer));
        OrphanReplySweeper sweeper = resources.register("reply-sweeper", new OrphanReplySweeper(admin,
                new KafkaConsumer<>(GatewayKafka.replyConsumer(config.kafka(), "courier-gateway-sweeper-" + instanceId)),
                lease, config.kafka().replyGroupId(), store, metrics));
        BackgroundProbe kafkaProbe = resources.register("kafka-probe", new BackgroundProbe("kafka",
                () -> !admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty(), PROBE_INTERVAL));
        BackgroundProbe redisProbe = resources.register("redis-probe", new BackgroundProbe("redis",
                () -> redis.getBucket("gateway:ping", StringCodec.INSTANCE).isExistsAsync().toCompletableFuture().get(5, TimeUnit.SECONDS) != null,
                PROBE_INTERVAL));

        // Before Vert.x, so it closes after the server: checks already taken are answered.
        SecretChecks secretChecks = keys == null ? null
                : resources.register("secret-checks", new SecretChecks(clients, config.issuer().hashThreads(), config.issuer().hashQueue()));
        // Netty's epoll where it loads: measured, fewer CPU microseconds per request than NIO's selector.
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        resources.register("vert.x", () -> vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS));
        Draining draining = new Draining();
        List<HealthCheck> checks = List.of(new HealthCheck("redis", redisProbe::up),
                new HealthCheck("kafka", kafkaProbe::up),
                new HealthCheck("replyPartition", lease::held),
                new HealthCheck("replyConsumer", replies::isAlive),
                new HealthCheck("accepting", () -> !draining.active()));
        resources.register("management", ManagementServer.start(config.management().host(), config.management().port(), checks, processMetrics));
        BearerAuth auth = new BearerAuth(vertx, authenticator);
        OutcomeRenderer renderer = new OutcomeRenderer();
        ConsumerLag consumerLag = resources.register("consumer-lag", new ConsumerLag(admin, Set.of(), Clock.systemUTC()));
        // Per-route meters are registered by RouteNeeds.prepare, for the first table as for every reload.
        RateLimitMetrics rateLimitMetrics = new RateLimitMetrics(meters, List.of());
        ResponseCache cache = new ResponseCache(config.cacheMaxEntities(), meters);
        EventInvalidations invalidations = resources.register("cache-invalidations", new EventInvalidations(
                new KafkaConsumer<>(GatewayKafka.eventsConsumer(config.kafka(), "courier-gateway-events-" + instanceId)), cache, meters));
        AdmissionRefusals refusals = new AdmissionRefusals(meters, List.of());
        RouteNeeds needs = new RouteNeeds(config, admin, publisher, consumerLag, meters, rateLimitMetrics, refusals, live, cache, invalidations);
        needs.prepare(routes);
        invalidations.start();
        consumerLag.start(config.admission().lagInterval());
        RateLimiter rateLimiter = new SharedRateLimiter(redis, config.rateLimits(), rateLimitMetrics);
        RequestPath path = new RequestPath(live, auth,
                new CommandMapper(new JsonToAvro(new JsonLimits(config.http().maxJsonDepth(), config.http().maxBodyBytes()))),
                new CommandCodecs(), store, publisher, new Responder(renderer), () -> replyTo, lease::held, draining::active,
                config.http().maxPending(), new LagAdmission(consumerLag, config.admission().noConsumerGrace()),
                refusals,
                rateLimiter, rateLimitMetrics, cache, new CacheMetrics(meters), breakers(config, meters),
                new RequestSpans(tracing.tracer("dev.courier.gateway")));
        GatewayVerticle.Endpoints endpoints = new GatewayVerticle.Endpoints(
                keys == null ? null : new TokenEndpoint(
                        new TokenIssuer(keys, config.auth().issuer(), config.auth().tokens().audience(), config.issuer().tokenTtl(), Clock.systemUTC()),
                        new TokenThrottle(redis, config.issuer().throttle()),
                        secretChecks),
                keys == null ? null : new WellKnownHandlers(keys.publicKeys(), config.auth().issuer(), config.http().publicUrl(), () -> live.get().scopes()),
                new HealthHandlers(checks),
                new RequestStatusHandler(auth, store, live, renderer),
                meters, accessRecords, new ApiDescriptions(live, config.http().publicUrl(), version(), config.issuer().enabled()));
        GatewayVerticle verticle = new GatewayVerticle(config.http(), path, endpoints, router, metrics);
        deploy(vertx, config, verticle);
        // Vert.x shares one listening socket among the servers of one address (port 0 included) and
        // spreads the connections over their loops.
        for (int loop = 1; loop < config.http().eventLoops(); loop++) {
            GatewayVerticle another = new GatewayVerticle(config.http(), path, endpoints, router, metrics);
            deploy(vertx, config, another);
            if (another.port() != verticle.port()) {
                throw new IllegalStateException("event loop " + loop + " listens on port " + another.port() + ", not " + verticle.port());
            }
        }
        replies.start();
        sweeper.start(config.sweepInterval());
        if (routeFile != null && !config.routesReloadInterval().isZero()) {
            resources.register("route-reloader", new RouteReloader(config.routesFile().get(), routeFile, live, needs::prepare, meters))
                    .start(config.routesReloadInterval());
        }
        Gateway gateway = new Gateway(resources, verticle, metrics, lease, live, config.http().drainGrace(), draining);
        replies.ended().thenAccept(reason -> {
            if (!draining.active()) {
                gateway.failed.complete(reason);
            }
        });
        LOG.info("gateway started port={} eventLoops={} nativeTransport={} instance={} replyTopic={} replyPartition={} routes={}", verticle.port(),
                config.http().eventLoops(), vertx.isNativeTransportEnabled(), instanceId,
                replyTo.topic(), partition, routes.routes().size());
        if (!vertx.isNativeTransportEnabled()) {
            LOG.info("Netty's native transport does not load here, HTTP runs on Java NIO cause={}", vertx.unavailableNativeTransportCause());
        }
        return gateway;
    }

    private static void deploy(Vertx vertx, GatewayConfig config, GatewayVerticle verticle) {
        try {
            vertx.deployVerticle(verticle).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the HTTP server did not start on " + config.http().host() + ":" + config.http().port(), e);
        }
    }

    public int port() {
        return verticle.port();
    }

    public ReplyMetrics metrics() {
        return metrics;
    }

    public int replyPartition() {
        return lease.partition();
    }

    @Override
    public CompletionStage<String> failed() {
        return failed;
    }

    /**
     * Stops taking requests, waits for in-flight ones up to the longest route deadline in force, then closes
     * everything. The port stays open for the drain grace at least: a request already in a socket
     * buffer, or a connection the kernel accepted but the server has not, gets its 503 instead of a
     * reset when the listener closes.
     */
    @Override
    public void close() {
        draining.begin();
        long began = System.nanoTime();
        long graceEnds = began + drainGrace.toNanos();
        Duration drainLimit = routes.get().routes().stream().map(Route::timeout).max(Duration::compareTo).orElse(Duration.ofSeconds(5));
        long deadline = Math.max(graceEnds, began + drainLimit.plusSeconds(1).toNanos());
        DrainWait.until(() -> metrics.pending() == 0 && System.nanoTime() - graceEnds >= 0, deadline);
        if (metrics.pending() > 0) {
            LOG.warn("gateway closing with requests still waiting pending={}", metrics.pending());
        }
        resources.close();
        LOG.info("gateway stopped");
    }

    private static List<AdmissionRule> breakers(GatewayConfig config, MeterRegistry meters) {
        if (!config.breakers().enabled()) {
            return List.of();
        }
        return RequestPath.breakerRules(new DependencyBreaker("kafka", config.breakers(), meters),
                new DependencyBreaker("redis", config.breakers(), meters));
    }

    /** The build's version, from the jar's manifest; {@code dev} when run from classes. */
    private static String version() {
        String version = Gateway.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
