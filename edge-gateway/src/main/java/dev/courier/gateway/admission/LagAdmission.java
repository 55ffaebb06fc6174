package dev.courier.gateway.admission;

import dev.courier.gateway.route.Route;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

/**
 * Refuses a synchronous request at once when the consumer group serving its route could not answer
 * it in time: nobody has owned its partition for longer than the grace period, or the oldest record
 * waiting there is already older than the request would wait. The partition is the one the
 * request's key goes to, as the producer's partitioner picks it, so one stuck partition does not
 * close the whole route.
 */
public final class LagAdmission {

    /** Why a request is refused, for the problem and the {@code Retry-After}. */
    public record Refused(String type, String detail, long retryAfterSeconds) {
    }

    private final PartitionLag lag;
    private final Duration grace;

    /** @param grace how long a partition may go unowned (a rebalance, a restart) before requests to it are refused */
    public LagAdmission(PartitionLag lag, Duration grace) {
        this.lag = lag;
        this.grace = grace;
    }

    /** Empty when the request can be answered in time, as far as the last reading tells. */
    public Optional<Refused> check(Route route, String key, Duration wait) {
        if (route.consumerGroup().isEmpty()) {
            return Optional.empty();
        }
        OptionalInt partitions = lag.partitions(route.topic());
        if (partitions.isEmpty()) {
            return Optional.empty();
        }
        int partition = BuiltInPartitioner.partitionForKey(key.getBytes(StandardCharsets.UTF_8), partitions.getAsInt());
        PartitionLag.Expectation expectation = lag.expect(new PartitionLag.Watch(route.topic(), route.consumerGroup().get()), partition);
        if (expectation instanceof PartitionLag.NoConsumer none && none.unownedFor().compareTo(grace) >= 0) {
            return Optional.of(new Refused(AdmissionRefusals.NO_CONSUMER, "nothing is processing " + route.topic() + " right now (no member of "
                    + route.consumerGroup().get() + " for " + none.unownedFor().toSeconds() + " s); send Prefer: respond-async to queue it",
                    5));
        }
        if (expectation instanceof PartitionLag.Behind behind && behind.lag().compareTo(wait) >= 0) {
            return Optional.of(new Refused(AdmissionRefusals.CONSUMER_LAG, route.consumerGroup().get() + " is " + behind.lag().toSeconds()
                    + " s behind on " + route.topic() + ", longer than this request would wait (" + wait.toMillis()
                    + " ms); send Prefer: respond-async to queue it", Math.max(1, Math.min(60, behind.lag().toSeconds()))));
        }
        return Optional.empty();
    }
}
