package dev.courier.service.testing;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;

/**
 * A {@link MockConsumer} that reads partition logs as a broker would serve them, for testing a
 * consumer loop on its own thread:
 * <ul>
 * <li>each poll returns, from every assigned partition that is not paused, the records of its log
 *     from the consumer's position on, so a seek back delivers the same records again (a plain
 *     MockConsumer hands out each added record once);</li>
 * <li>a poll with nothing to return waits, up to its timeout, for a record, a wake-up, a poll
 *     failure or a task, as a real poll does, instead of letting the loop spin;</li>
 * <li>{@link #duringNextPoll} runs a task inside the next poll, on the polling thread, where a
 *     real consumer runs its rebalance listener;</li>
 * <li>every commit is kept, to be read also after the loop closed the consumer;</li>
 * <li>{@link #paused()} holds assigned partitions only, as a real consumer's does (MockConsumer
 *     keeps a partition paused there after a rebalance revoked it).</li>
 * </ul>
 * Positions start at offset 0 of every partition.
 */
public final class PartitionLogConsumer extends MockConsumer<byte[], byte[]> {

    private final Map<TopicPartition, List<ConsumerRecord<byte[], byte[]>>> logs = new HashMap<>();
    private final Queue<Runnable> duringNextPoll = new ArrayDeque<>();
    private final Map<TopicPartition, OffsetAndMetadata> committed = new HashMap<>();
    private final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
    private boolean wakeupPending;
    private boolean pollFailurePending;
    private boolean waitingInPoll;
    private boolean pollsTimeOut = true;
    private int wakeups;
    private int wakeupsThrown;

    public PartitionLogConsumer() {
        super("earliest");
    }

    /** Appends a record to the partition's log and returns it. */
    public synchronized ConsumerRecord<byte[], byte[]> append(TopicPartition partition, byte[] key, byte[] value, Headers headers) {
        List<ConsumerRecord<byte[], byte[]>> log = logs.computeIfAbsent(partition, any -> new ArrayList<>());
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>(partition.topic(), partition.partition(), log.size(), 0L,
                TimestampType.CREATE_TIME, key.length, value.length, key, value, headers, Optional.empty());
        log.add(record);
        notifyAll();
        return record;
    }

    /** Runs {@code task} inside the next poll (or the one waiting now), before it fetches. */
    public synchronized void duringNextPoll(Runnable task) {
        duringNextPoll.add(task);
        notifyAll();
    }

    /**
     * From now on a poll with nothing to return waits until something happens, however long its
     * timeout: a loop waiting in poll stays there until the test wakes it up.
     */
    public synchronized void pollsNeverTimeOut() {
        pollsTimeOut = false;
    }

    @Override
    public synchronized void rebalance(Collection<TopicPartition> newAssignment) {
        Map<TopicPartition, Long> starts = new HashMap<>();
        newAssignment.forEach(partition -> starts.put(partition, 0L));
        updateBeginningOffsets(starts);
        super.rebalance(newAssignment);
    }

    @Override
    public synchronized ConsumerRecords<byte[], byte[]> poll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Runnable task = duringNextPoll.poll(); task != null; task = duringNextPoll.poll()) {
                task.run();
            }
            if (wakeupPending || pollFailurePending || hasRecordsToReturn()) {
                break;
            }
            long left = deadline - System.nanoTime();
            if (pollsTimeOut && left <= 0) {
                break;
            }
            waitingInPoll = true;
            try {
                if (pollsTimeOut) {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } else {
                    wait();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptException(e);
            } finally {
                waitingInPoll = false;
            }
        }
        if (wakeupPending) {
            wakeupPending = false;
            wakeupsThrown++;
        } else if (!pollFailurePending) {
            fetch();
        }
        pollFailurePending = false;
        // Throws the pending wake-up or failure, or returns what fetch() handed it.
        return super.poll(timeout);
    }

    @Override
    public synchronized void wakeup() {
        super.wakeup();
        wakeupPending = true;
        wakeups++;
        notifyAll();
    }

    @Override
    public synchronized void setPollException(KafkaException exception) {
        super.setPollException(exception);
        pollFailurePending = exception != null;
        notifyAll();
    }

    @Override
    public synchronized Set<TopicPartition> paused() {
        Set<TopicPartition> assigned = assignment();
        return super.paused().stream().filter(assigned::contains).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets, OffsetCommitCallback callback) {
        super.commitAsync(offsets, callback);
        committed.putAll(offsets);
        commits.add(Map.copyOf(offsets));
    }

    /** The offset last committed for the partition, if any; readable after close too. */
    public synchronized Optional<Long> committedOffset(TopicPartition partition) {
        return Optional.ofNullable(committed.get(partition)).map(OffsetAndMetadata::offset);
    }

    /** Every commit, in order; readable after close too. */
    public synchronized List<Map<TopicPartition, OffsetAndMetadata>> commits() {
        return List.copyOf(commits);
    }

    /** How often {@link #wakeup()} was called. */
    public synchronized int wakeups() {
        return wakeups;
    }

    /** How many polls ended with a {@link org.apache.kafka.common.errors.WakeupException}. */
    public synchronized int wakeupsThrown() {
        return wakeupsThrown;
    }

    /** Whether a poll is waiting for something to return. */
    public synchronized boolean isWaitingInPoll() {
        return waitingInPoll;
    }

    private boolean hasRecordsToReturn() {
        for (TopicPartition partition : assignment()) {
            List<ConsumerRecord<byte[], byte[]>> log = logs.getOrDefault(partition, List.of());
            if (!paused().contains(partition) && position(partition) < log.size()) {
                return true;
            }
        }
        return false;
    }

    /** Hands the records from each position on to MockConsumer.poll, which returns them all and moves the positions. */
    private void fetch() {
        for (TopicPartition partition : assignment()) {
            if (paused().contains(partition)) {
                continue;
            }
            List<ConsumerRecord<byte[], byte[]>> log = logs.getOrDefault(partition, List.of());
            for (long offset = position(partition); offset < log.size(); offset++) {
                addRecord(log.get((int) offset));
            }
        }
    }
}
