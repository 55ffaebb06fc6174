package dev.courier.streams.testing;

import dev.courier.event.PostCreated;
import dev.courier.event.PostDeleted;
import dev.courier.event.PostUpdated;
import dev.courier.model.AuthorStats;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.topic.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Writes a random history of post events as the blog service would, repeats included (a repeat
 * is the same record again, as a redelivery after a crash produces it), and recounts the author
 * statistics from what the topic holds, independently of the processors' code.
 */
public final class EventHistory implements AutoCloseable {

    private static final Instant T0 = Instant.parse("2026-11-30T00:00:00Z");
    private static final List<String> AUTHORS = List.of("a0", "a1", "a2", "a3", "a4");

    private final String bootstrapServers;
    private final String topic;
    private final Random random;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, String> livePosts = new LinkedHashMap<>();
    private final List<ProducerRecord<byte[], byte[]>> repeatsLater = new ArrayList<>();
    private int events;
    private int written;

    public EventHistory(String bootstrapServers, String topic, long seed) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.random = new Random(seed);
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Writes {@code count} events, each repeated later with probability {@code repeatShare}. */
    public void write(int count, double repeatShare) {
        for (int i = 0; i < count; i++) {
            ProducerRecord<byte[], byte[]> record = next();
            send(record);
            if (random.nextDouble() < repeatShare) {
                repeatsLater.add(record);
            }
            if (!repeatsLater.isEmpty() && random.nextInt(20) == 0) {
                send(repeatsLater.remove(random.nextInt(repeatsLater.size())));
            }
        }
        repeatsLater.forEach(this::send);
        repeatsLater.clear();
        producer.flush();
    }

    /** One record that is not an event at all. */
    public void writePoison() {
        send(new ProducerRecord<>(topic, null, bytes("poison"), bytes("not an event"), headers("poison-1")));
        producer.flush();
    }

    public Set<String> authors() {
        return new TreeSet<>(AUTHORS);
    }

    /** Reads back every record written, and folds each request id's first event into its author's statistics. */
    public Map<String, AuthorStats> recountFromTopic() {
        Deserializer<SpecificRecord> events = Topics.BLOG_EVENTS.valueSerde().deserializer();
        Set<String> counted = new HashSet<>();
        Recount recount = new Recount();
        for (var record : TopicReader.readAll(bootstrapServers, topic, written)) {
            String requestId = CourierHeaders.lastString(record.headers(), CourierHeaders.REQUEST_ID).orElseThrow();
            SpecificRecord event;
            try {
                event = events.deserialize(topic, record.headers(), record.value());
            } catch (SerializationException e) {
                continue;
            }
            if (counted.add(requestId)) {
                recount.fold(event);
            }
        }
        return recount.byAuthor;
    }

    @Override
    public void close() {
        producer.close();
    }

    private ProducerRecord<byte[], byte[]> next() {
        events++;
        Instant at = T0.plusSeconds(events);
        String requestId = "e-" + events;
        int choice = random.nextInt(10);
        SpecificRecord event;
        String postId;
        if (livePosts.isEmpty() || choice < 5) {
            postId = "p-" + events;
            String author = AUTHORS.get(random.nextInt(AUTHORS.size()));
            livePosts.put(postId, author);
            event = new PostCreated(postId, author, "title", content(), at);
        } else {
            postId = new ArrayList<>(livePosts.keySet()).get(random.nextInt(livePosts.size()));
            String author = livePosts.get(postId);
            if (choice < 8) {
                event = new PostUpdated(postId, author, "title", content(), at);
            } else {
                livePosts.remove(postId);
                event = new PostDeleted(postId, author, at);
            }
        }
        byte[] value = Topics.BLOG_EVENTS.valueSerde().serializer().serialize(topic, event);
        return new ProducerRecord<>(topic, null, bytes(postId), value, headers(requestId));
    }

    private String content() {
        return "x".repeat(random.nextInt(200));
    }

    private void send(ProducerRecord<byte[], byte[]> record) {
        producer.send(new ProducerRecord<>(record.topic(), null, record.key(), record.value(), new RecordHeaders(record.headers().toArray())));
        written++;
    }

    private static Headers headers(String requestId) {
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The statistics as their definition says, written out plainly. */
    private static final class Recount {

        private final Map<String, AuthorStats> byAuthor = new HashMap<>();
        private final Map<String, Long> lengths = new HashMap<>();

        void fold(SpecificRecord event) {
            if (event instanceof PostCreated created) {
                long length = created.getContent().length();
                lengths.put(created.getPostId(), length);
                AuthorStats stats = of(created.getAuthorId());
                stats.setLivePosts(stats.getLivePosts() + 1);
                stats.setPostsCreated(stats.getPostsCreated() + 1);
                stats.setContentLength(stats.getContentLength() + length);
                stats.setLastPostAt(later(stats.getLastPostAt(), created.getCreatedAt()));
                stats.setAsOf(later(stats.getAsOf(), created.getCreatedAt()));
            } else if (event instanceof PostUpdated updated) {
                long length = updated.getContent().length();
                AuthorStats stats = of(updated.getAuthorId());
                stats.setPostsUpdated(stats.getPostsUpdated() + 1);
                stats.setContentLength(stats.getContentLength() + length - lengths.put(updated.getPostId(), length));
                stats.setAsOf(later(stats.getAsOf(), updated.getUpdatedAt()));
            } else if (event instanceof PostDeleted deleted) {
                AuthorStats stats = of(deleted.getAuthorId());
                stats.setLivePosts(stats.getLivePosts() - 1);
                stats.setPostsDeleted(stats.getPostsDeleted() + 1);
                stats.setContentLength(stats.getContentLength() - lengths.remove(deleted.getPostId()));
                stats.setAsOf(later(stats.getAsOf(), deleted.getDeletedAt()));
            }
        }

        private static Instant later(Instant known, Instant at) {
            return known == null || at.isAfter(known) ? at : known;
        }

        private AuthorStats of(String author) {
            return byAuthor.computeIfAbsent(author, id -> new AuthorStats(id, 0L, 0L, 0L, 0L, null, 0L, null));
        }
    }
}
