package dev.courier.gateway.admission;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.route.Route;
import dev.courier.gateway.route.RouteFile;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.junit.jupiter.api.Test;

class LagAdmissionTest {

    private static final Route CREATE_POST = RouteFile.load(Optional.empty()).named("create-post").orElseThrow();
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Every partition caught up but those set otherwise. */
    private final Map<Integer, PartitionLag.Expectation> partitions = new HashMap<>();
    private final PartitionLag lag = new PartitionLag() {
        @Override
        public OptionalInt partitions(String topic) {
            return OptionalInt.of(6);
        }

        @Override
        public Expectation expect(Watch watch, int partition) {
            assertThat(watch).isEqualTo(new Watch("courier.blog.commands", "courier.blog-service"));
            return partitions.getOrDefault(partition, new Behind(Duration.ZERO));
        }
    };
    private final LagAdmission admission = new LagAdmission(lag, Duration.ofSeconds(3));

    @Test
    void shouldAdmitWhatTheConsumersCanAnswerInTime() {
        partitions.put(partition("p-1"), new PartitionLag.Behind(Duration.ofSeconds(2)));

        assertThat(admission.check(CREATE_POST, "p-1", WAIT)).isEmpty();
    }

    @Test
    void shouldRefuseWhenTheOldestWaitingRecordIsOlderThanTheRequestWouldWait() {
        partitions.put(partition("p-1"), new PartitionLag.Behind(Duration.ofSeconds(6)));

        Optional<LagAdmission.Refused> refused = admission.check(CREATE_POST, "p-1", WAIT);

        assertThat(refused).hasValueSatisfying(why -> {
            assertThat(why.type()).isEqualTo("consumer-lag");
            assertThat(why.retryAfterSeconds()).isEqualTo(6);
            assertThat(why.detail()).contains("6 s behind").contains("respond-async");
        });
        assertThat(admission.check(CREATE_POST, "p-1", Duration.ofSeconds(10))).as("a longer Prefer: wait").isEmpty();
    }

    @Test
    void shouldRefuseOnlyThePartitionNobodyConsumesOnceTheGraceIsOver() {
        String stuck = "p-1";
        String other = otherKeyThan(stuck);
        partitions.put(partition(stuck), new PartitionLag.NoConsumer(Duration.ofSeconds(1)));
        assertThat(admission.check(CREATE_POST, stuck, WAIT)).as("within the grace: a rebalance").isEmpty();

        partitions.put(partition(stuck), new PartitionLag.NoConsumer(Duration.ofSeconds(4)));

        assertThat(admission.check(CREATE_POST, stuck, WAIT)).map(LagAdmission.Refused::type).contains("no-consumer");
        assertThat(admission.check(CREATE_POST, other, WAIT)).isEmpty();
    }

    @Test
    void shouldAdmitWhileNothingIsKnownYet() {
        partitions.put(partition("p-1"), new PartitionLag.Unknown());

        assertThat(admission.check(CREATE_POST, "p-1", WAIT)).isEmpty();
    }

    @Test
    void shouldAdmitEverythingOnARouteWithoutAConsumerGroup() {
        Route withoutGroup = RouteFile.parse("""
                routes:
                  - name: get-post
                    method: GET
                    path: /posts/{id}
                    command: GetPost
                    topic: courier.blog.commands
                    key: postId
                    timeout: 5s
                    fields: {postId: "path:id"}
                """.getBytes(StandardCharsets.UTF_8), "test").named("get-post").orElseThrow();
        partitions.put(partition("p-1"), new PartitionLag.NoConsumer(Duration.ofHours(1)));

        assertThat(admission.check(withoutGroup, "p-1", WAIT)).isEmpty();
    }

    @Test
    void shouldRefuseLagEqualToTheWaitAndBoundRetryAfterToAMinute() {
        partitions.put(partition("p-1"), new PartitionLag.Behind(WAIT));
        assertThat(admission.check(CREATE_POST, "p-1", WAIT)).as("the reply would come just too late").isPresent();

        partitions.put(partition("p-1"), new PartitionLag.Behind(Duration.ofMinutes(10)));
        assertThat(admission.check(CREATE_POST, "p-1", WAIT)).map(LagAdmission.Refused::retryAfterSeconds).contains(60L);

        partitions.put(partition("p-1"), new PartitionLag.Behind(Duration.ofMillis(300)));
        assertThat(admission.check(CREATE_POST, "p-1", Duration.ofMillis(200))).map(LagAdmission.Refused::retryAfterSeconds).contains(1L);
    }

    @Test
    void shouldRefuseAtTheEndOfTheGraceWithAFixedRetryAfter() {
        partitions.put(partition("p-1"), new PartitionLag.NoConsumer(Duration.ofSeconds(3)));

        assertThat(admission.check(CREATE_POST, "p-1", WAIT)).hasValueSatisfying(why -> {
            assertThat(why.retryAfterSeconds()).isEqualTo(5);
            assertThat(why.detail()).contains("no member of courier.blog-service for 3 s");
        });
    }

    private static int partition(String key) {
        return BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), 6);
    }

    private static String otherKeyThan(String key) {
        for (int i = 0; ; i++) {
            if (partition("k-" + i) != partition(key)) {
                return "k-" + i;
            }
        }
    }
}
