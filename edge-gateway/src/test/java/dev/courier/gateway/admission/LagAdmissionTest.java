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
