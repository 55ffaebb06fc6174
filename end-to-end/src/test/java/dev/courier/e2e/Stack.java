package dev.courier.e2e;

import dev.courier.blog.BlogService;
import dev.courier.commons.config.ConfigSources;
import dev.courier.commons.tracing.Tracing;
import dev.courier.gateway.Gateway;
import dev.courier.gateway.config.GatewayConfig;
import dev.courier.gateway.issuer.ClientRegistry;
import dev.courier.gateway.route.RouteFile;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.service.ServiceRuntime;
import dev.courier.service.config.ServiceConfig;
import dev.courier.service.testing.TestServices;
import dev.courier.user.UserService;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Both services and a gateway on the shared broker and Redis, with topics no other test uses and
 * the default routes pointed at them. Services and gateways can be stopped and started again.
 */
final class Stack implements AutoCloseable {

    static final String DEMO_SECRET = "demo-secret-for-tests";
    static final String READER_SECRET = "reader-secret-for-tests";

    private final KafkaEndpoint kafka;
    private final RedisEndpoint redis;
    private final Path dir;
    private final ServiceConfig blogConfig;
    private final ServiceConfig userConfig;
    private final String replyTopic;
    private ServiceRuntime blog;
    private ServiceRuntime user;

    private Stack(KafkaEndpoint kafka, RedisEndpoint redis, Path dir) {
        this.kafka = kafka;
        this.redis = redis;
        this.dir = dir;
        this.blogConfig = TestServices.config(BlogService.DEFAULTS, kafka, redis, Map.of());
        this.userConfig = TestServices.config(UserService.DEFAULTS, kafka, redis, Map.of());
        this.replyTopic = TopicAdmin.uniqueName("courier.replies");
        writeRoutes();
        writeClients();
    }

    static Stack start(KafkaEndpoint kafka, RedisEndpoint redis, Path dir) {
        Stack stack = new Stack(kafka, redis, dir);
        stack.startBlog();
        stack.startUser();
        return stack;
    }

    void startBlog() {
        blog = ServiceRuntime.start(blogConfig, BlogService.definition(Clock.systemUTC()));
    }

    /** The blog service again, its spans going where {@code tracing} sends them. */
    void restartBlog(Tracing tracing) {
        stopBlog();
        blog = ServiceRuntime.start(blogConfig, BlogService.definition(Clock.systemUTC()), tracing);
    }

    void stopBlog() {
        blog.close();
        blog = null;
    }

    void startUser() {
        user = ServiceRuntime.start(userConfig, UserService.definition(Clock.systemUTC()));
    }

    /** A gateway with its own instance id and data directory; {@code overrides} are config keys. */
    Gateway gateway(String instanceId, Map<String, String> overrides) {
        return gateway(instanceId, overrides, null);
    }

    /** The same, its spans going where {@code tracing} sends them (null: as its config says). */
    Gateway gateway(String instanceId, Map<String, String> overrides, Tracing tracing) {
        Map<String, String> settings = new HashMap<>();
        settings.put(GatewayConfig.HTTP_PORT, "0");
        settings.put(GatewayConfig.MANAGEMENT_PORT, "0");
        settings.put(GatewayConfig.BOOTSTRAP_SERVERS, kafka.bootstrapServers());
        settings.put(GatewayConfig.REDIS_ADDRESS, redis.uri());
        settings.put(GatewayConfig.REPLY_TOPIC, replyTopic);
        // More partitions than a test class runs gateways at once: a closed gateway's lease runs out by itself.
        settings.put(GatewayConfig.REPLY_PARTITIONS, "8");
        settings.put(GatewayConfig.REPLY_GROUP, replyTopic + ".group");
        settings.put(GatewayConfig.ROUTES_FILE, dir.resolve("routes.yaml").toString());
        settings.put(GatewayConfig.ISSUER_CLIENTS_FILE, dir.resolve("clients.yaml").toString());
        // One signing key for every gateway of the stack, as a shared secret store would give them.
        settings.put(GatewayConfig.ISSUER_SIGNING_KEY_FILE, dir.resolve("signing-key.jwk").toString());
        settings.put(GatewayConfig.AUTH_ISSUER, "http://courier.test");
        settings.put(GatewayConfig.INSTANCE_ID, instanceId);
        settings.put(GatewayConfig.DATA_DIR, dir.resolve(instanceId).toString());
        settings.put(GatewayConfig.LEASE_TTL, "3s");
        // Tests stop and start the blog service at will; only LagAdmissionIT wants admission to follow its lag.
        settings.put(GatewayConfig.ADMISSION_LAG_ENABLED, "false");
        settings.putAll(overrides);
        Map<String, String> env = new HashMap<>();
        settings.forEach((key, value) -> env.put(ConfigSources.envName(key), value));
        GatewayConfig config = GatewayConfig.load(null, env);
        return tracing == null ? Gateway.start(config) : Gateway.start(config, tracing);
    }

    /** The stack's routes with every route's timeout set to {@code timeout} (e.g. {@code 60s}), as a file to pass as routes.file. */
    Path routesWithTimeout(String timeout) {
        try {
            Path file = dir.resolve("routes-" + timeout + ".yaml");
            Files.writeString(file, Files.readString(dir.resolve("routes.yaml")).replaceAll("timeout: \\S+", "timeout: " + timeout));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack's routes with {@code rateLimit} (e.g. {@code {requests: 4, per: 1h}}) on the route named {@code route}, as a file to pass as routes.file. */
    Path routesWithRateLimit(String route, String rateLimit) {
        try {
            Path file = dir.resolve("routes-limited-" + route + ".yaml");
            String routes = Files.readString(dir.resolve("routes.yaml"));
            String named = "  - name: " + route + "\n";
            if (!routes.contains(named)) {
                throw new IllegalArgumentException("no route named " + route);
            }
            Files.writeString(file, routes.replace(named, named + "    rate-limit: " + rateLimit + "\n"));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String blogCommands() {
        return blogConfig.commandTopic();
    }

    String userCommands() {
        return userConfig.commandTopic();
    }

    String replyTopic() {
        return replyTopic;
    }

    Path signingKeyFile() {
        return dir.resolve("signing-key.jwk");
    }

    KafkaEndpoint kafka() {
        return kafka;
    }

    /** Records on both command topics so far: what every request that reached Kafka left there. */
    long commandRecords() {
        return recordsOn(blogCommands()) + recordsOn(userCommands());
    }

    private long recordsOn(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Set<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).collect(Collectors.toSet());
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    @Override
    public void close() {
        if (blog != null) {
            blog.close();
        }
        if (user != null) {
            user.close();
        }
    }

    private void writeRoutes() {
        try (InputStream in = RouteFile.class.getClassLoader().getResourceAsStream(RouteFile.DEFAULT_RESOURCE)) {
            String routes = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("courier.blog.commands", blogConfig.commandTopic())
                    .replace("courier.user.commands", userConfig.commandTopic())
                    .replace("courier.blog.events", blogConfig.eventTopic())
                    .replace("courier.user.events", userConfig.eventTopic())
                    .replace("courier.blog-service", blogConfig.groupId())
                    .replace("courier.user-service", userConfig.groupId());
            Files.writeString(dir.resolve("routes.yaml"), routes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeClients() {
        String clients = """
                clients:
                  - id: demo
                    secret-hash: "%s"
                    scopes: [blog:read, blog:write, user:read, user:write]
                  - id: other-author
                    secret-hash: "%s"
                    scopes: [blog:read, blog:write]
                  - id: reader
                    secret-hash: "%s"
                    scopes: [blog:read]
                """.formatted(ClientRegistry.hash(DEMO_SECRET), ClientRegistry.hash(DEMO_SECRET), ClientRegistry.hash(READER_SECRET));
        try {
            Files.writeString(dir.resolve("clients.yaml"), clients);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
