package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.commons.redis.RedisClients;
import dev.courier.gateway.Gateway;
import dev.courier.gateway.config.GatewayConfig;
import dev.courier.gateway.config.RateLimitSettings;
import dev.courier.gateway.ratelimit.RateDecision;
import dev.courier.gateway.ratelimit.RateLimitMetrics;
import dev.courier.gateway.ratelimit.SharedRateLimiter;
import dev.courier.gateway.route.RateLimit;
import dev.courier.gateway.store.GatewayKeys;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.infra.redis.RedisServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;

/**
 * A route's rate limit holds for a caller across gateway instances, through the real Redis; what
 * is over it is answered 429 and never reaches Kafka. While Redis does not answer, each instance
 * decides alone, and the limits are shared again once it is back.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RateLimitIT {

    private static final RateLimit THREE_AN_HOUR = new RateLimit(3, Duration.ofHours(1), 3);

    private Stack stack;
    private Gateway first;
    private Gateway second;

    @BeforeAll
    void start(KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path dir) {
        stack = Stack.start(kafka, redis, dir);
        forgetEveryBucket(redis);
        Path routes = stack.routesWithRateLimit("create-post", "{requests: 4, per: 1h}");
        first = stack.gateway("limited-gw-1", Map.of(GatewayConfig.ROUTES_FILE, routes.toString()));
        second = stack.gateway("limited-gw-2", Map.of(GatewayConfig.ROUTES_FILE, routes.toString()));
    }

    @AfterAll
    void stop() {
        first.close();
        second.close();
        stack.close();
    }

    @Test
    void shouldHoldOneCallersLimitAcrossTwoGatewaysAndProduceNothingOverIt() {
        // given: a burst of 4 for the demo client, and a route without a limit beside it
        Http viaFirst = new Http(first.port());
        Http viaSecond = new Http(second.port());
        String token = viaFirst.token("demo", Stack.DEMO_SECRET);

        // when: six posts, alternating between the two gateways
        List<Http.Response> answers = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Http http = i % 2 == 0 ? viaFirst : viaSecond;
            answers.add(http.request("POST", "/posts").bearer(token).json("{\"title\":\"limited " + i + "\",\"content\":\"x\"}").send());
        }
        long commands = stack.commandRecords();
        Http.Response unlimited = viaSecond.request("GET", "/users/nobody-" + UUID.randomUUID()).bearer(token).send();

        // then
        assertThat(answers).extracting(Http.Response::status).containsExactly(201, 201, 201, 201, 429, 429);
        Http.Response refused = answers.get(5);
        assertThat(refused.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(refused.json().get("type").asText()).isEqualTo("urn:courier:problem:rate-limited");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isPositive();
        assertThat(refused.header("RateLimit")).matches("\"create-post\";r=0;t=\\d+");
        assertThat(answers.get(0).header("RateLimit-Policy")).isEqualTo("\"create-post\";q=4;w=3600");
        assertThat(answers.get(3).header("RateLimit")).startsWith("\"create-post\";r=0;");
        assertThat(commands).as("the four posts let through reached Kafka, the refused ones never").isEqualTo(4);
        assertThat(unlimited.status()).isEqualTo(404);
        assertThat(unlimited.header("RateLimit")).isNull();
    }

    @Test
    void shouldKeepTheLimitPerInstanceWhileRedisIsDownAndShareItAgainOnceRedisIsBack() {
        onRedisOfItsOwn(RateLimitSettings.WhenRedisDown.CLOSED, (redisServer, limiter) -> {
            assertThat(take(limiter).decidedBy()).isEqualTo(RateDecision.DecidedBy.REDIS);

            // when Redis goes away
            redisServer.stop();
            List<RateDecision> alone = List.of(take(limiter), take(limiter), take(limiter), take(limiter));

            // then this instance keeps the limit on its own: a full bucket of 3 of its own, then 429
            assertThat(alone).extracting(RateDecision::decidedBy).containsOnly(RateDecision.DecidedBy.LOCAL);
            assertThat(alone).extracting(RateDecision::allowed).containsExactly(true, true, true, false);

            // and once Redis is back, the shared bucket decides again
            redisServer.start();
            Await.until("the limit to be shared through Redis again", Duration.ofSeconds(30),
                    () -> take(limiter).decidedBy() == RateDecision.DecidedBy.REDIS, () -> "still decided alone");
        });
    }

    @Test
    void shouldLiftTheLimitWhileRedisIsDownWhenConfiguredOpen() {
        onRedisOfItsOwn(RateLimitSettings.WhenRedisDown.OPEN, (redisServer, limiter) -> {
            assertThat(take(limiter).decidedBy()).isEqualTo(RateDecision.DecidedBy.REDIS);

            redisServer.stop();
            List<RateDecision> open = List.of(take(limiter), take(limiter), take(limiter), take(limiter), take(limiter));

            assertThat(open).allSatisfy(decision -> assertThat(decision).isEqualTo(RateDecision.UNLIMITED));
        });
    }

    /** A limiter on a Redis of this test's own, which the test may stop and start. */
    private static void onRedisOfItsOwn(RateLimitSettings.WhenRedisDown whenRedisDown, BiConsumer<RedisServer, SharedRateLimiter> test) {
        try (RedisServer redisServer = RedisServer.builder().start()) {
            RedissonClient redis = RedisClients.create(redisServer.uri(), Duration.ofSeconds(1), "rate-limit-it");
            try {
                test.accept(redisServer, new SharedRateLimiter(redis, new RateLimitSettings(whenRedisDown, Duration.ofSeconds(1),
                        Duration.ofMillis(200), 1000), new RateLimitMetrics(new SimpleMeterRegistry(), List.of())));
            } finally {
                redis.shutdown();
            }
        }
    }

    /** The shared Redis outlives a test run: a bucket an earlier run left must not count here. */
    private static void forgetEveryBucket(RedisEndpoint endpoint) {
        RedissonClient redis = RedisClients.create(endpoint.uri(), Duration.ofSeconds(3), "rate-limit-it-cleanup");
        try {
            redis.getKeys().deleteByPattern(GatewayKeys.rateLimit("*"));
        } finally {
            redis.shutdown();
        }
    }

    private static RateDecision take(SharedRateLimiter limiter) {
        return limiter.take("posts", THREE_AN_HOUR, "alice").join();
    }
}
