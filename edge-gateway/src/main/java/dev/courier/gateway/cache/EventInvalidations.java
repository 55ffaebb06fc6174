package dev.courier.gateway.cache;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of the events topics the cached routes name, from their end when it starts
 * following them (the cache keeps nothing about a topic until then), with no consumer group: every gateway instance reads every event. Each event
 * tells the cache that the entity it is keyed by changed. How far behind the events it is reading
 * is {@code courier_cache_event_lag_seconds} (the age of the last event read, when it was read): it
 * bounds how long another instance's write can leave an older answer served here.
 */
public final class EventInvalidations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventInvalidations.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Consumer<byte[], byte[]> consumer;
    private final ResponseCache cache;
    private final Counter events;
    private final Thread thread;
    private volatile Set<String> wanted = Set.of();
    private volatile double lagSeconds;
    private volatile boolean running = true;
    private Set<String> followed = Set.of();
    private volatile boolean started;

    public EventInvalidations(Consumer<byte[], byte[]> consumer, ResponseCache cache, MeterRegistry registry) {
        this.consumer = consumer;
        this.cache = cache;
        this.events = Counter.builder("courier.cache.invalidations").description("Kept answers made stale, by what told of the change")
                .tag("source", "event").register(registry);
        Gauge.builder("courier.cache.event.lag", this, reader -> reader.lagSeconds).baseUnit("seconds")
                .description("How old the last event read was when it was read: how long a change elsewhere can stay unseen here")
                .register(registry);
        this.thread = new Thread(this::run, "courier-cache-events");
        this.thread.setDaemon(true);
    }

    /** Follows these events topics from the next poll on (at start, and when the routes change). */
    public void follow(Set<String> topics) {
        wanted = Set.copyOf(topics);
        if (thread.isAlive()) {
            consumer.wakeup();
        }
    }

    /** Takes the first position on this thread, so nothing is kept before events are read; then reads on its own. */
    public void start() {
        assign(wanted);
        thread.start();
        started = true;
    }

    private void run() {
        while (running) {
            try {
                Set<String> topics = wanted;
                if (!topics.equals(followed)) {
                    assign(topics);
                }
                if (followed.isEmpty()) {
                    // No cached route: nothing to read (polling with nothing assigned is an error).
                    pause();
                    continue;
                }
                ConsumerRecords<byte[], byte[]> records = consumer.poll(POLL);
                long now = System.currentTimeMillis();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (record.key() != null) {
                        cache.changed(new Subject(record.topic(), new String(record.key(), StandardCharsets.UTF_8)));
                        events.increment();
                    }
                    lagSeconds = Math.max(0, now - record.timestamp()) / 1000.0;
                }
                if (records.isEmpty()) {
                    lagSeconds = 0;
                }
            } catch (WakeupException e) {
                // The topics to follow changed, or the gateway is stopping.
            } catch (RuntimeException e) {
                LOG.warn("events not read; no answer is kept until they are error={}", e.toString());
                cache.eventsRead(Set.of());
                followed = Set.of();
                consumer.assign(List.of()); // read again from the end: every kept answer was forgotten
                pause();
            }
        }
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
    }

    private void assign(Set<String> topics) {
        List<TopicPartition> partitions = new ArrayList<>();
        Set<String> found = new HashSet<>();
        for (String topic : topics) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(10));
            if (infos != null && !infos.isEmpty()) {
                found.add(topic);
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        }
        // Partitions read already keep their positions: their unread events must still be told.
        List<TopicPartition> added = partitions.stream().filter(partition -> !consumer.assignment().contains(partition)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(added);
        added.forEach(consumer::position);
        followed = topics;
        cache.eventsRead(found);
        LOG.info("cache follows events topics={} partitions={}", topics, partitions.size());
    }

    private void pause() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        if (!started) {
            // Never started (a failed start): the consumer is closed here, not by the reading thread.
            consumer.close(CloseOptions.timeout(Duration.ZERO));
            return;
        }
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
