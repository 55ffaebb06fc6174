package dev.courier.streams.windows;

import dev.courier.schemas.validation.Violation;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** A query's range of windows: checked, then scanned in key order. */
public final class WindowRange {

    /** The longest range one query may ask for: 1,440 one-minute windows per key. */
    public static final Duration MAX = Duration.ofDays(1);

    private WindowRange() {
    }

    /** What is wrong with a range, if anything: it must end after it starts, and span at most {@link #MAX}. */
    public static Optional<Violation> problem(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Optional.of(new Violation("to", Violation.TOO_SMALL, "must be after from"));
        }
        if (Duration.between(from, to).compareTo(MAX) > 0) {
            return Optional.of(new Violation("to", Violation.TOO_LARGE, "must be at most one day after from"));
        }
        return Optional.empty();
    }

    /** Every entry of a window that starts in [from, to), oldest first. */
    public static <V> void scan(KeyValueStore<String, V> store, Instant from, Instant to, Function<V, Instant> windowStart,
                                Consumer<V> action) {
        try (KeyValueIterator<String, V> range = store.range(WindowKeys.from(from.toEpochMilli()), WindowKeys.from(to.toEpochMilli()))) {
            range.forEachRemaining(entry -> {
                if (windowStart.apply(entry.value).isBefore(to)) {
                    action.accept(entry.value);
                }
            });
        }
    }
}
