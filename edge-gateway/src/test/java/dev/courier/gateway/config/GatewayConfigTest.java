package dev.courier.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.commons.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayConfigTest {

    @TempDir
    Path dir;

    @Test
    void shouldStartFromSafeDefaultsWithoutAnyConfiguration() {
        GatewayConfig config = GatewayConfig.load(null, Map.of());

        HttpSettings http = config.http();
        assertThat(http.host()).isEqualTo("127.0.0.1");
        assertThat(http.port()).isEqualTo(8080);
        assertThat(http.publicUrl()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(http.maxBodyBytes()).isEqualTo(64 * 1024);
        assertThat(http.maxHeaderBytes()).isEqualTo(8 * 1024);
        assertThat(http.maxJsonDepth()).isEqualTo(16);
        assertThat(http.idleTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(http.maxPending()).isEqualTo(10_000);
        assertThat(config.kafka()).isEqualTo(new KafkaSettings("127.0.0.1:9092", "courier.replies", 12, 6, 1,
                "courier.gateway.replies", Map.of(), Map.of()));
        assertThat(config.redisAddress()).isEqualTo("redis://127.0.0.1:6379");
        assertThat(config.redisTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.routesFile()).isEmpty();
        assertThat(config.instanceId()).isEmpty();
        assertThat(config.dataDir()).isEqualTo(Path.of(".courier/gateway"));
        assertThat(config.requestTtl()).isEqualTo(Duration.ofHours(24));
        assertThat(config.leaseTtl()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.sweepInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.management()).isEqualTo(new ManagementSettings("127.0.0.1", 8083));
        assertThat(config.metricsEnabled()).isTrue();
        assertThat(config.admission()).isEqualTo(new AdmissionSettings(true, Duration.ofSeconds(1), Duration.ofSeconds(3)));
        assertThat(config.rateLimits()).isEqualTo(new RateLimitSettings(RateLimitSettings.WhenRedisDown.CLOSED, Duration.ofSeconds(1),
                Duration.ofMillis(250), 100_000));
        assertThat(http.drainGrace()).isEqualTo(Duration.ofMillis(500));
        assertThat(config.routesReloadInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.cacheMaxEntities()).isEqualTo(10_000);
        assertThat(config.breakers()).isEqualTo(new BreakerSettings(true, 50, 20, Duration.ofSeconds(2), Duration.ofSeconds(5)));
        assertThat(config.otlpEndpoint()).as("tracing is off until a collector is named").isEmpty();
    }

    @Test
    void shouldReadTheEdgePoliciesKeys() {
        GatewayConfig config = load("""
                routes.reload-interval=0
                cache.max-entities=50
                breakers.enabled=false
                breakers.failure-rate=25
                breakers.window=40
                breakers.slow-call=500ms
                breakers.open-for=10s
                tracing.otlp.endpoint=http://collector:4318
                rate-limits.sync-interval=0
                """, Map.of());

        assertThat(config.routesReloadInterval()).isZero();
        assertThat(config.cacheMaxEntities()).isEqualTo(50);
        assertThat(config.breakers()).isEqualTo(new BreakerSettings(false, 25, 40, Duration.ofMillis(500), Duration.ofSeconds(10)));
        assertThat(config.otlpEndpoint()).contains(URI.create("http://collector:4318"));
        assertThat(config.rateLimits().syncInterval()).isZero();
    }

    @Test
    void shouldRunTheBuiltInIssuerByDefaultUnderThePublicUrl() {
        GatewayConfig config = GatewayConfig.load(null, Map.of());

        IssuerSettings issuer = config.issuer();
        assertThat(issuer.enabled()).isTrue();
        assertThat(issuer.clientsFile()).isEmpty();
        assertThat(issuer.signingKeyFile()).isEqualTo(Path.of(".courier/gateway/signing-key.jwk"));
        assertThat(issuer.tokenTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(issuer.throttle()).isEqualTo(new ThrottleSettings(30, 10, 100, Duration.ofMinutes(5)));
        assertThat(issuer.hashThreads()).isEqualTo(1);
        assertThat(issuer.hashQueue()).isEqualTo(8);
        assertThat(config.auth().issuer()).isEqualTo("http://127.0.0.1:8080");
        assertThat(config.auth().tokens().trusted()).isEmpty();
    }

    @Test
    void shouldDerivePublicUrlIssuerAndSigningKeyFromHostPortAndDataDir() {
        GatewayConfig config = load("""
                http.host=0.0.0.0
                http.port=9000
                data.dir=/var/lib/courier
                """, Map.of());

        assertThat(config.http().publicUrl()).isEqualTo(URI.create("http://0.0.0.0:9000"));
        assertThat(config.auth().issuer()).isEqualTo("http://0.0.0.0:9000");
        assertThat(config.issuer().signingKeyFile()).isEqualTo(Path.of("/var/lib/courier/signing-key.jwk"));
    }

    @Test
    void shouldKeepAnExplicitIssuerApartFromThePublicUrl() {
        GatewayConfig config = load("""
                http.public-url=https://api.example.com
                auth.issuer=https://issuer.example.com
                """, Map.of());

        assertThat(config.http().publicUrl()).isEqualTo(URI.create("https://api.example.com"));
        assertThat(config.auth().issuer()).isEqualTo("https://issuer.example.com");
    }

    @Test
    void shouldLetTheEnvironmentOverrideTheFileWithHyphenatedKeysToo() {
        GatewayConfig config = load("""
                http.port=9000
                http.max-body-bytes=2048
                """, Map.of("COURIER_HTTP_PORT", "9100", "COURIER_HTTP_MAX_BODY_BYTES", "4096",
                "COURIER_REPLIES_LEASE_TTL", "30s"));

        assertThat(config.http().port()).isEqualTo(9100);
        assertThat(config.http().maxBodyBytes()).isEqualTo(4096);
        assertThat(config.leaseTtl()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldIgnoreEnvironmentVariablesItDoesNotKnow() {
        GatewayConfig config = GatewayConfig.load(null, Map.of("COURIER_SOMETHING_ELSE", "x", "PATH", "/usr/bin"));

        assertThat(config.http().port()).isEqualTo(8080);
    }

    @Test
    void shouldRefuseAnUnknownKeyInTheFile() {
        assertRefused("http.prot=9000\n", "http.prot: unknown key; known keys are");
    }

    @Test
    void shouldPassKafkaClientPropertiesThroughByPrefix() {
        GatewayConfig config = load("""
                kafka.producer.linger.ms=5
                kafka.consumer.fetch.min.bytes=1024
                """, Map.of("COURIER_KAFKA_PRODUCER_COMPRESSION_TYPE", "zstd"));

        assertThat(config.kafka().producerProperties()).containsOnly(Map.entry("linger.ms", "5"), Map.entry("compression.type", "zstd"));
        assertThat(config.kafka().consumerProperties()).containsOnly(Map.entry("fetch.min.bytes", "1024"));
    }

    @Test
    void shouldRefuseAProducerThatMayBlockAnEventLoop() {
        assertRefused("kafka.producer.max.block.ms=5000\n",
                "kafka.producer.max.block.ms: must be 0: the gateway sends from its event loops, which must never wait; was '5000'");
        assertThat(load("kafka.producer.max.block.ms=0\n", Map.of()).kafka().producerProperties()).containsEntry("max.block.ms", "0");
    }

    @Test
    void shouldRefuseBootstrapServersThatAreNotHostPortPairs() {
        assertRefused("kafka.bootstrap.servers=localhost\n", "kafka.bootstrap.servers: must be host:port[,host:port...], was 'localhost'");
        assertRefused("kafka.bootstrap.servers=a:9092,\n", "kafka.bootstrap.servers: must be host:port");
        assertRefused("kafka.bootstrap.servers=a:9092, b:9092\n", "kafka.bootstrap.servers: must be host:port");
        assertThat(load("kafka.bootstrap.servers=a:9092,b:19092\n", Map.of()).kafka().bootstrapServers()).isEqualTo("a:9092,b:19092");
    }

    @Test
    void shouldRefuseARedisAddressThatIsNotARedisUri() {
        assertRefused("redis.address=localhost:6379\n", "redis.address: must be redis://host:port or rediss://host:port, was 'localhost:6379'");
        assertRefused("redis.address=redis://localhost\n", "redis.address: must be redis://host:port");
        assertThat(load("redis.address=rediss://cache.internal:6380\n", Map.of()).redisAddress()).isEqualTo("rediss://cache.internal:6380");
    }

    @Test
    void shouldRefuseAnInstanceIdThatCannotNameALease() {
        assertRefused("gateway.instance-id=gw 1\n", "gateway.instance-id: must be 1 to 64 letters, digits, '.', '_' or '-', was 'gw 1'");
        assertRefused("gateway.instance-id=a:sweep\n", "gateway.instance-id: must be 1 to 64");
        assertRefused("gateway.instance-id=" + "a".repeat(65) + "\n", "gateway.instance-id: must be 1 to 64");
        assertThat(load("gateway.instance-id=gw-1.eu_west\n", Map.of()).instanceId()).contains("gw-1.eu_west");
    }

    @Test
    void shouldRefuseToRunWithoutAnyIssuerWhoseTokensItCouldAccept() {
        assertRefused("issuer.enabled=false\n", "issuer.enabled: with the built-in issuer off, name at least one issuer in auth.trusted-issuers");
    }

    @Test
    void shouldRunWithOnlyATrustedIssuer() {
        GatewayConfig config = load("""
                issuer.enabled=false
                auth.trusted-issuers=corp
                auth.trusted-issuers.corp.issuer=https://login.corp.example
                auth.trusted-issuers.corp.jwks.url=https://login.corp.example/keys
                """, Map.of());

        assertThat(config.issuer().enabled()).isFalse();
        assertThat(config.auth().tokens().trusted()).singleElement()
                .satisfies(trusted -> assertThat(trusted.issuer()).isEqualTo("https://login.corp.example"));
    }

    @Test
    void shouldRefuseATrustedIssuerThatClaimsTheBuiltInIssuersName() {
        assertRefused("""
                auth.trusted-issuers=corp
                auth.trusted-issuers.corp.issuer=http://127.0.0.1:8080
                auth.trusted-issuers.corp.jwks.url=https://login.corp.example/keys
                """, "auth.trusted-issuers.corp.issuer: 'http://127.0.0.1:8080' is trusted twice");
    }

    @Test
    void shouldRefuseNumbersOutsideTheirBounds() {
        assertRefused("http.port=65536\n", "http.port: must be between 0 and 65535, was '65536'");
        assertRefused("http.max-body-bytes=1023\n", "http.max-body-bytes: must be between 1024 and 16777216, was '1023'");
        assertRefused("http.max-json-depth=1\n", "http.max-json-depth: must be between 2 and 256");
        assertRefused("topics.reply-partitions=0\n", "topics.reply-partitions: must be between 1 and 10000");
        assertRefused("topics.replication-factor=33\n", "topics.replication-factor: must be between 1 and 32");
        assertRefused("issuer.hash-threads=65\n", "issuer.hash-threads: must be between 1 and 64");
        assertRefused("management.port=-1\n", "management.port: must be between 0 and 65535");
    }

    @Test
    void shouldRefuseDurationsOutsideTheirBounds() {
        assertRefused("replies.lease-ttl=1s\n", "replies.lease-ttl: must be between PT2S and PT10M, was '1s'");
        assertRefused("requests.ttl=59s\n", "requests.ttl: must be between PT1M and PT720H");
        assertRefused("redis.timeout=50ms\n", "redis.timeout: must be between PT0.1S and PT1M");
        assertRefused("issuer.token-ttl=2d\n", "issuer.token-ttl: must be between PT1M and PT24H");
        assertRefused("admission.lag.interval=100ms\n", "admission.lag.interval: must be between PT0.2S and PT1M");
        assertThat(load("admission.lag.no-consumer-grace=0s\n", Map.of()).admission().noConsumerGrace()).isZero();
    }

    @Test
    void shouldSayWhatIsWrongWithAValueOfTheWrongShape() {
        assertRefused("http.port=eighty\n", "http.port: must be a whole number, was 'eighty'");
        assertRefused("metrics.enabled=yes\n", "metrics.enabled: must be true or false, was 'yes'");
        assertRefused("replies.sweep-interval=soon\n", "replies.sweep-interval: must be a duration like 250ms, 30s, 5m, 24h or PT24H, was 'soon'");
        assertRefused("http.public-url=ftp://files.example.com\n", "http.public-url: must be an http(s) URL, was 'ftp://files.example.com'");
        assertRefused("redis.address=   \n", "redis.address: must not be blank");
        assertRefused("rate-limits.when-redis-down=sometimes\n", "rate-limits.when-redis-down: must be one of [closed, open], was 'sometimes'");
        assertRefused("tracing.otlp.endpoint=collector:4318\n", "tracing.otlp.endpoint: must be an http(s) URL, was 'collector:4318'");
        assertRefused("breakers.failure-rate=0\n", "breakers.failure-rate: must be between 1 and 100");
    }

    @Test
    void shouldTakeIsoDurationsAndTurnFeaturesOff() {
        GatewayConfig config = load("""
                requests.ttl=PT2H
                metrics.enabled=false
                admission.lag.enabled=false
                routes.file=/etc/courier/routes.yaml
                rate-limits.when-redis-down=open
                """, Map.of());

        assertThat(config.requestTtl()).isEqualTo(Duration.ofHours(2));
        assertThat(config.metricsEnabled()).isFalse();
        assertThat(config.admission().lagEnabled()).isFalse();
        assertThat(config.routesFile()).isEqualTo(Optional.of(Path.of("/etc/courier/routes.yaml")));
        assertThat(config.rateLimits().whenRedisDown()).isEqualTo(RateLimitSettings.WhenRedisDown.OPEN);
    }

    @Test
    void shouldReadTheIssuersThrottleAndHashPool() {
        GatewayConfig config = load("""
                issuer.clients-file=clients.yaml
                issuer.throttle.max-attempts-per-address=5
                issuer.throttle.max-attempts-per-client-and-address=3
                issuer.throttle.max-attempts-per-client=50
                issuer.throttle.window=1m
                issuer.hash-threads=2
                issuer.hash-queue=16
                """, Map.of());

        assertThat(config.issuer().clientsFile()).contains(Path.of("clients.yaml"));
        assertThat(config.issuer().throttle()).isEqualTo(new ThrottleSettings(5, 3, 50, Duration.ofMinutes(1)));
        assertThat(config.issuer().hashThreads()).isEqualTo(2);
        assertThat(config.issuer().hashQueue()).isEqualTo(16);
    }

    private GatewayConfig load(String properties, Map<String, String> environment) {
        try {
            return GatewayConfig.load(Files.writeString(dir.resolve("gateway.properties"), properties), environment);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertRefused(String properties, String message) {
        assertThatThrownBy(() -> load(properties, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(message);
    }
}
