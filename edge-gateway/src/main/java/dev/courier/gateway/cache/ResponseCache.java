package dev.courier.gateway.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import dev.courier.gateway.route.Route;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.courier.gateway.route.RouteTable;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The answers of the cached routes, by the entity they are about, until a change of it is told
 * (an event, or a write answered through this gateway) or their route's ttl passes. A change wins
 * over a read that was under way when it was told: such a read's answer is served to its caller
 * but not kept, so an answer read before a change is never kept after it. Told changes and kept
 * answers of one entity are serialized on it; different entities never wait for each other.
 * Nothing is kept about an entity whose events are not being read from a known position: while
 * they cannot be read, no change would be told.
 */
public final class ResponseCache {

    /**
     * One route's answer to one command about the entity. The route is compared by identity: an
     * answer rendered by a route a reload replaced is never served by the new one of the same name.
     */
    public record Variant(Route route, ByteBuffer command) {

        public static Variant of(Route route, byte[] encodedCommand) {
            return new Variant(route, ByteBuffer.wrap(encodedCommand));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Variant variant && variant.route == route && variant.command.equals(command);
        }

        @Override
        public int hashCode() {
            return 31 * System.identityHashCode(route) + command.hashCode();
        }
    }

    /** A read under way, whose answer may be kept if nothing about its entity is told before it ends. */
    public static final class Read {
        private final Subject subject;
        private final Variant variant;
        private final Duration ttl;
        /** Whether its entity's events were read from a known position when it began; else it keeps nothing. */
        private final boolean eventsWereRead;

        private Read(Subject subject, Variant variant, Duration ttl, boolean eventsWereRead) {
            this.subject = subject;
            this.variant = variant;
            this.ttl = ttl;
            this.eventsWereRead = eventsWereRead;
        }
    }

    private record Kept(Map<Variant, KeptAnswer> answers, long ttlNanos) {
    }

    private final Cache<Subject, Kept> entries;
    private final Map<Subject, Set<Read>> reading = new ConcurrentHashMap<>();
    private volatile Map<String, Set<String>> eventsByCommandTopic = Map.of();
    private volatile Set<String> eventsRead = Set.of();
    private final Counter written;

    /** Registers {@code courier_cache_entities} and {@code courier_cache_invalidations_total{source="write"}}. */
    public ResponseCache(int maxEntities, MeterRegistry registry) {
        this.written = Counter.builder("courier.cache.invalidations").description("Kept answers made stale, by what told of the change")
                .tag("source", "write").register(registry);
        Gauge.builder("courier.cache.entities", this, ResponseCache::size).description("Entities with kept answers").register(registry);
        this.entries = Caffeine.newBuilder().maximumSize(maxEntities).expireAfter(new Expiry<Subject, Kept>() {
            @Override
            public long expireAfterCreate(Subject subject, Kept kept, long now) {
                return kept.ttlNanos();
            }

            @Override
            public long expireAfterUpdate(Subject subject, Kept kept, long now, long currentDuration) {
                return Math.min(currentDuration, kept.ttlNanos());
            }

            @Override
            public long expireAfterRead(Subject subject, Kept kept, long now, long currentDuration) {
                return currentDuration;
            }
        }).build();
    }

    /** The entity a cached route's command is about. */
    public static Subject subjectOf(Route route, String key) {
        return new Subject(route.cache().orElseThrow().invalidatedBy(), key);
    }

    public Optional<KeptAnswer> find(Subject subject, Variant variant) {
        Kept kept = entries.getIfPresent(subject);
        return kept == null ? Optional.empty() : Optional.ofNullable(kept.answers().get(variant));
    }

    /** Starts a read whose answer may be kept; every read begun must be {@link #ended}. */
    public Read begin(Subject subject, Variant variant, Duration ttl) {
        Read read = new Read(subject, variant, ttl, eventsRead.contains(subject.events()));
        reading.compute(subject, (any, reads) -> {
            Set<Read> next = reads == null ? new HashSet<>() : reads;
            next.add(read);
            return next;
        });
        return read;
    }

    /**
     * Keeps the answer unless a change of its entity was told since the read began; an answer kept
     * for the same command before stays (the first one kept is never older). Ends the read.
     */
    public void keep(Read read, KeptAnswer answer) {
        if (!read.eventsWereRead) {
            ended(read);
            return;
        }
        reading.computeIfPresent(read.subject, (subject, reads) -> {
            if (reads.remove(read)) {
                entries.asMap().compute(subject, (any, before) -> {
                    if (before == null) {
                        return new Kept(Map.of(read.variant, answer), read.ttl.toNanos());
                    }
                    if (before.answers().containsKey(read.variant)) {
                        return before;
                    }
                    Map<Variant, KeptAnswer> answers = new HashMap<>(before.answers());
                    answers.put(read.variant, answer);
                    return new Kept(Map.copyOf(answers), read.ttl.toNanos());
                });
            }
            return reads.isEmpty() ? null : reads;
        });
    }

    /** Ends a read that keeps nothing (no answer, or not an OK one); harmless after {@link #keep}. */
    public void ended(Read read) {
        reading.computeIfPresent(read.subject, (subject, reads) -> {
            reads.remove(read);
            return reads.isEmpty() ? null : reads;
        });
    }

    /** A change of the entity was told: its answers go, and no read under way will keep one. */
    public void changed(Subject subject) {
        reading.compute(subject, (any, reads) -> {
            entries.invalidate(subject);
            return null;
        });
    }

    /** A write to {@code key} through {@code commandTopic} was answered OK here: the answers about it go first. */
    public void written(String commandTopic, String key) {
        for (String events : eventsByCommandTopic.getOrDefault(commandTopic, Set.of())) {
            changed(new Subject(events, key));
            written.increment();
        }
    }

    /** The events topics the cached routes of {@code routes} are kept fresh by. */
    public static Set<String> eventTopics(RouteTable routes) {
        Set<String> topics = new HashSet<>();
        routes.routes().forEach(route -> route.cache().ifPresent(policy -> topics.add(policy.invalidatedBy())));
        return Set.copyOf(topics);
    }

    /**
     * The events topics read now, each from a position taken after its answers were forgotten;
     * answers are kept only about their entities. Losing one forgets every kept answer.
     */
    public void eventsRead(Set<String> topics) {
        if (!topics.containsAll(eventsRead)) {
            forgetAll();
        }
        eventsRead = Set.copyOf(topics);
    }

    /** New routes: every kept answer goes (its route may answer otherwise now), and writes map to the new events topics. */
    public void follow(RouteTable routes) {
        Map<String, Set<String>> byTopic = new HashMap<>();
        routes.routes().forEach(route -> route.cache().ifPresent(policy ->
                byTopic.computeIfAbsent(route.topic(), any -> new HashSet<>()).add(policy.invalidatedBy())));
        eventsByCommandTopic = Map.copyOf(byTopic);
        forgetAll();
    }

    private void forgetAll() {
        for (Subject subject : Set.copyOf(reading.keySet())) {
            changed(subject);
        }
        entries.invalidateAll();
    }

    public long size() {
        return entries.estimatedSize();
    }
}
