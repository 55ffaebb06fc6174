package dev.courier.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.commons.redis.RedisClients;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.service.store.AtomicWriter.PlannedWrite;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** The published marks ride in the next write's round trip, against a real Redis. */
@ExtendWith(InfraExtension.class)
class RedisAtomicWriterIT {

    private RedissonClient redis;
    private RedisAtomicWriter writer;
    private String prefix;

    @BeforeEach
    void connect(RedisEndpoint endpoint) {
        redis = RedisClients.create(endpoint.uri(), Duration.ofSeconds(5), "atomic-writer-it");
        prefix = "it-" + UUID.randomUUID() + ":";
        writer = new RedisAtomicWriter(redis, prefix, Duration.ofMinutes(5));
    }

    @AfterEach
    void disconnect() {
        redis.shutdown();
    }

    @Test
    void shouldCarryTheMarksInTheNextWritesRoundTripOrSendThemAlone() throws Exception {
        // given: r1 written, Kafka acknowledged its events
        apply("r1");
        writer.markPublished(List.of("r1"));
        assertThat(published("r1")).as("the mark waits for a round trip").isEqualTo("0");

        // when
        List<WriteResult> results = apply("r2");

        // then: the write carried the mark
        assertThat(results).singleElement().isInstanceOf(WriteResult.Applied.class);
        assertThat(published("r1")).isEqualTo("1");
        assertThat(published("r2")).isEqualTo("0");
        // and with no write to carry them, the marks go alone; an outcome that is gone stays gone (no key without its TTL)
        writer.markPublished(List.of("r2", "gone"));
        writer.sendMarks().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(published("r2")).isEqualTo("1");
        assertThat(redis.getKeys().countExists(writer.outcomeKey("gone"))).isZero();
        // and a redelivery of r1 finds its events published
        assertThat(apply("r1")).singleElement().isInstanceOfSatisfying(WriteResult.Duplicate.class,
                duplicate -> assertThat(duplicate.eventsPublished()).isTrue());
    }

    @Test
    void shouldCarryTheMarksAfterRedisForgotItsScripts() throws Exception {
        apply("r1");
        writer.markPublished(List.of("r1"));
        redis.getScript().scriptFlush();

        assertThat(apply("r2")).singleElement().isInstanceOf(WriteResult.Applied.class);

        assertThat(published("r1")).isEqualTo("1");
    }

    @Test
    void shouldApplyTheWritesAsTheFirstTimeWhenRedisForgotOnlyTheMarksScript() throws Exception {
        // given: Redis knows the write script again, not the marks' one
        redis.getScript().scriptFlush();
        apply("r0");
        apply("r1");
        writer.markPublished(List.of("r1"));

        // when
        List<WriteResult> results = apply("r2");

        // then: r2 applied once (not answered as a duplicate of itself), and the mark went after all
        assertThat(results).singleElement().isInstanceOf(WriteResult.Applied.class);
        assertThat(published("r1")).isEqualTo("1");
    }

    @Test
    void shouldApplyTheWritesWhenTheMarksFail() throws Exception {
        // given: a mark that fails for good (its key holds a string, not an outcome)
        redis.getBucket(writer.outcomeKey("broken"), StringCodec.INSTANCE).set("not a hash");
        writer.markPublished(List.of("broken"));

        // when / then: the write that carried it is applied all the same
        assertThat(apply("r1")).singleElement().isInstanceOf(WriteResult.Applied.class);
    }

    private List<WriteResult> apply(String requestId) throws Exception {
        AtomicWrite write = AtomicWrite.builder().hset(prefix + "post:" + requestId, Map.of("title", "t")).build();
        return writer.apply(List.of(new PlannedWrite(requestId, write, new EncodedOutcome(new byte[] {1}, List.of()))))
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private String published(String requestId) {
        return redis.<String, String>getMap(writer.outcomeKey(requestId), StringCodec.INSTANCE).get("published");
    }
}
