package dev.courier.lag.collect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Each group's total lag and worst lag in seconds over time, for the dashboard's charts. Thread-safe. */
public final class LagHistory {

    /** One point of a group's chart. */
    public record Point(long atMillis, long lag, double lagSeconds) {
    }

    private final long keepMillis;
    private final Map<String, Deque<Point>> points = new HashMap<>();

    public LagHistory(long keepMillis) {
        this.keepMillis = keepMillis;
    }

    public synchronized void record(LagSnapshot snapshot) {
        Set<String> groups = new HashSet<>();
        for (LagSnapshot.GroupLag group : snapshot.groups()) {
            groups.add(group.group());
            Deque<Point> series = points.computeIfAbsent(group.group(), any -> new ArrayDeque<>());
            series.addLast(new Point(snapshot.atMillis(), group.totalLag(), group.maxLagSeconds()));
            while (!series.isEmpty() && series.peekFirst().atMillis() < snapshot.atMillis() - keepMillis) {
                series.removeFirst();
            }
        }
        points.keySet().retainAll(groups);
    }

    public synchronized List<Point> of(String group) {
        return new ArrayList<>(points.getOrDefault(group, new ArrayDeque<>()));
    }
}
