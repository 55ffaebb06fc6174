package dev.courier.lag.collect;

import dev.courier.commons.kafka.LogEndHistory;
import dev.courier.commons.process.Periodic;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the cluster every interval on a thread of its own and publishes what it found as an
 * immutable {@link LagSnapshot}: the API, the dashboard and the metrics only ever read the latest
 * one, so nothing they serve waits for Kafka. A round that fails is logged and the next one tries
 * again; the previous snapshot stays.
 */
public final class LagWatcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagWatcher.class);
    /** Dead-letter topics are looked for again every this many rounds. */
    private static final int TOPIC_REFRESH_ROUNDS = 5;

    private final Admin admin;
    private final OffsetReader offsets;
    private final RecordTimestamps timestamps;
    private final DeadLetters deadLetters;
    private final LogEndHistory logEnds;
    private final GroupLags lags;
    private final LagHistory history;
    private final Pattern deadLetterTopics;
    private final Duration interval;
    private final AtomicReference<LagSnapshot> latest = new AtomicReference<>(new LagSnapshot(0, List.of(), List.of()));
    private final CopyOnWriteArrayList<Consumer<LagSnapshot>> listeners = new CopyOnWriteArrayList<>();
    private Periodic reading;
    private Map<String, Set<TopicPartition>> deadLetterPartitions = Map.of();
    private long rounds;

    public LagWatcher(Admin admin, OffsetReader offsets, RecordTimestamps timestamps, DeadLetters deadLetters, LogEndHistory logEnds,
                      GroupLags lags, LagHistory history, Pattern deadLetterTopics, Duration interval) {
        this.admin = admin;
        this.offsets = offsets;
        this.timestamps = timestamps;
        this.deadLetters = deadLetters;
        this.logEnds = logEnds;
        this.lags = lags;
        this.history = history;
        this.deadLetterTopics = deadLetterTopics;
        this.interval = interval;
    }

    public void start() {
        reading = Periodic.start("courier-lag-watcher", interval, this::round,
                failure -> LOG.warn("lag round failed; the next one retries error={}", failure.toString()));
    }

    public LagSnapshot latest() {
        return latest.get();
    }

    /** Called on the watcher's thread with every new snapshot; must not block. */
    public void onSnapshot(Consumer<LagSnapshot> listener) {
        listeners.add(listener);
    }

    /** One round: read, compute, publish. Package-private so a test can run rounds at will. */
    void round() throws Exception {
        if (rounds++ % TOPIC_REFRESH_ROUNDS == 0) {
            deadLetterPartitions = findDeadLetterTopics();
        }
        Set<TopicPartition> extra = new HashSet<>();
        deadLetterPartitions.values().forEach(extra::addAll);
        Offsets read = offsets.read(extra);
        read.logs().forEach((partition, log) -> logEnds.record(partition, read.readAtMillis(), log.end()));
        logEnds.retain(read.logs().keySet());
        Map<TopicPartition, Long> lagging = new HashMap<>();
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (Offsets.Group group : read.groups().values()) {
            group.committed().forEach((partition, committed) -> {
                Offsets.Log log = read.logs().get(partition);
                if (log != null && committed < log.end() && committed >= log.start()) {
                    lagging.put(partition, committed);
                    ends.put(partition, log.end());
                }
            });
        }
        // Two groups lagging on one partition at different offsets: the first read wins this round.
        Map<TopicPartition, RecordTimestamps.Reading> readings = timestamps.read(lagging, ends, interval.dividedBy(2));
        LagSnapshot snapshot = new LagSnapshot(read.readAtMillis(), lags.of(read, readings, logEnds),
                deadLetters.of(deadLetterPartitions.keySet(), read, interval.dividedBy(4)));
        latest.set(snapshot);
        history.record(snapshot);
        listeners.forEach(listener -> listener.accept(snapshot));
    }

    private Map<String, Set<TopicPartition>> findDeadLetterTopics() throws Exception {
        Set<String> names = new HashSet<>();
        for (String name : admin.listTopics().names().get(10, TimeUnit.SECONDS)) {
            if (deadLetterTopics.matcher(name).matches()) {
                names.add(name);
            }
        }
        Map<String, Set<TopicPartition>> partitions = new HashMap<>();
        if (!names.isEmpty()) {
            for (TopicDescription topic : admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS).values()) {
                Set<TopicPartition> of = new HashSet<>();
                topic.partitions().forEach(info -> of.add(new TopicPartition(topic.name(), info.partition())));
                partitions.put(topic.name(), of);
            }
        }
        return partitions;
    }

    @Override
    public void close() {
        if (reading != null) {
            reading.close();
        }
        timestamps.close();
        deadLetters.close();
    }
}
