package dev.courier.streams.windows;

import dev.courier.streams.internal.Times;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** A query's range of windows, scanned in key order. */
public final class WindowRange {

    private WindowRange() {
    }

    /**
     * What a query found: windows, oldest first, and the time of the newest record folded into them.
     *
     * @param asOf null when nothing was found
     */
    public record Found<W>(List<W> windows, Instant asOf) {
    }

    /**
     * The entries of the windows that start in [from, to) and are wanted, as the query's windows. The
     * keys' range ends before the first key of a window starting at {@code to}.
     *
     * @param entries the store of entries, keyed by {@link WindowKeys}
     * @param lastAt the time of the newest record folded into an entry
     */
    public static <E, W> Found<W> collect(KeyValueStore<String, E> entries, Instant from, Instant to, Predicate<E> wanted,
                                          Function<E, W> window, Function<E, Instant> lastAt) {
        List<W> windows = new ArrayList<>();
        Instant asOf = null;
        try (KeyValueIterator<String, E> range = entries.range(WindowKeys.from(from.toEpochMilli()), WindowKeys.from(to.toEpochMilli()))) {
            while (range.hasNext()) {
                E entry = range.next().value;
                if (wanted.test(entry)) {
                    windows.add(window.apply(entry));
                    asOf = Times.later(asOf, lastAt.apply(entry));
                }
            }
        }
        return new Found<>(windows, asOf);
    }
}
