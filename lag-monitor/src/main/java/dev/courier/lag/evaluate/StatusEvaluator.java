package dev.courier.lag.evaluate;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Keeps a sliding window of observations per group and partition and says what they add up to.
 * The rules, checked in this order:
 * <ol>
 *   <li>REWOUND: the committed offset went back at some point in the window;</li>
 *   <li>OK: no lag (or only transaction markers left), or no commit yet;</li>
 *   <li>STOPPED: lag, and no member owns the partition;</li>
 *   <li>STALLED: lag, a member owns it, and the committed offset has not moved in a full window;</li>
 *   <li>WARNING: the lag never shrank over a full window and ended higher than it began;</li>
 *   <li>OK otherwise.</li>
 * </ol>
 */
public final class StatusEvaluator {

    private final int window;
    private final Map<Key, Deque<Observation>> windows = new HashMap<>();

    public StatusEvaluator(int window) {
        this.window = window;
    }

    /** What was seen of one partition in one round. */
    public record Observation(long atMillis, Long committed, Long lag, boolean owned, boolean onlyMarkers) {
    }

    /** A status and why, in words an operator can act on. */
    public record Verdict(Status status, String reason) {
    }

    public Verdict observe(String group, String topic, int partition, Observation observation) {
        Deque<Observation> seen = windows.computeIfAbsent(new Key(group, topic, partition), any -> new ArrayDeque<>());
        seen.addLast(observation);
        while (seen.size() > window) {
            seen.removeFirst();
        }
        return evaluate(seen);
    }

    /** Forgets groups and partitions no longer watched. */
    public void retain(Set<Key> watched) {
        windows.keySet().retainAll(watched);
    }

    private Verdict evaluate(Deque<Observation> seen) {
        Observation last = seen.peekLast();
        Long previous = null;
        for (Observation observation : seen) {
            if (previous != null && observation.committed() != null && observation.committed() < previous) {
                return new Verdict(Status.REWOUND, "the committed offset went back from " + previous + " to " + observation.committed());
            }
            if (observation.committed() != null) {
                previous = observation.committed();
            }
        }
        if (last.committed() == null) {
            return new Verdict(Status.OK, "no offset committed yet");
        }
        if (last.lag() == 0 || last.onlyMarkers()) {
            return new Verdict(Status.OK, last.onlyMarkers() ? "caught up: only transaction markers are left" : "caught up");
        }
        if (!last.owned()) {
            return new Verdict(Status.STOPPED, "no member consumes this partition, " + last.lag() + " records behind");
        }
        boolean full = seen.size() == window;
        Observation first = seen.peekFirst();
        if (full && first.committed() != null && first.committed().equals(last.committed())) {
            return new Verdict(Status.STALLED, "owned, but the committed offset has stayed at " + last.committed() + " for "
                    + seconds(last.atMillis() - first.atMillis()) + " s, " + last.lag() + " records behind");
        }
        if (full && first.lag() != null && last.lag() > first.lag() && neverShrank(seen)) {
            return new Verdict(Status.WARNING, "the lag grew from " + first.lag() + " to " + last.lag() + " records in "
                    + seconds(last.atMillis() - first.atMillis()) + " s");
        }
        return new Verdict(Status.OK, "consuming, " + last.lag() + " records behind");
    }

    private static boolean neverShrank(Deque<Observation> seen) {
        long before = Long.MIN_VALUE;
        for (Iterator<Observation> it = seen.iterator(); it.hasNext(); ) {
            Long lag = it.next().lag();
            if (lag == null || lag < before) {
                return false;
            }
            before = lag;
        }
        return true;
    }

    private static long seconds(long millis) {
        return Math.round(millis / 1000.0);
    }

    /** A group's partition. */
    public record Key(String group, String topic, int partition) {
    }
}
