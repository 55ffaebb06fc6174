package dev.courier.gateway.admission;

import java.time.Duration;
import java.util.OptionalInt;

/** What the gateway knows of the consumers behind its routes, per partition; every call answers at once. */
public interface PartitionLag {

    /** A topic and the group that consumes it for a route. */
    record Watch(String topic, String group) {
    }

    /** What a request to one partition can expect. */
    sealed interface Expectation {
    }

    /** Nothing known yet (no reading has completed): admit. */
    record Unknown() implements Expectation {
    }

    /** The oldest record not yet processed has waited this long; zero when caught up. */
    record Behind(Duration lag) implements Expectation {
    }

    /** No member of the group has owned the partition for this long: nothing will process the request. */
    record NoConsumer(Duration unownedFor) implements Expectation {
    }

    /** The number of partitions of a watched topic, once known. */
    OptionalInt partitions(String topic);

    Expectation expect(Watch watch, int partition);
}
