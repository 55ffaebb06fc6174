package dev.courier.streams.testing;

import dev.courier.command.GetAuthorStats;
import dev.courier.infra.process.Await;
import dev.courier.model.AuthorStats;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.kafka.CourierHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Asks the processors for author statistics as an async producer would: a query on the queries
 * topic, a reply-to naming a topic of its own, and the committed replies read back and counted per
 * request id.
 */
public final class QueryClient implements AutoCloseable {

    private final String queriesTopic;
    private final String repliesTopic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> replies;
    private final SingleObjectCodec<SpecificRecord> queries = new SingleObjectCodec<>(Messages.ANALYTICS_QUERIES, SchemaCatalog.released());
    private final SingleObjectCodec<Reply> replyCodec = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released());
    private final Map<String, List<Reply>> repliesById = new HashMap<>();
    private final Map<String, AuthorStats> lastViews = new LinkedHashMap<>();
    private int asked;

    public QueryClient(String bootstrapServers, String queriesTopic, String repliesTopic) {
        this.queriesTopic = queriesTopic;
        this.repliesTopic = repliesTopic;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(repliesTopic, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create " + repliesTopic, e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.ACKS_CONFIG, "all"),
                new ByteArraySerializer(), new ByteArraySerializer());
        replies = TopicReader.consumer(bootstrapServers);
        TopicPartition partition = new TopicPartition(repliesTopic, 0);
        replies.assign(List.of(partition));
        replies.seekToBeginning(List.of(partition));
    }

    /** Asks for each author's statistics; returns the request ids. */
    public List<String> askEach(Collection<String> authors) {
        List<String> ids = new ArrayList<>();
        for (String author : authors) {
            String requestId = "q-" + (++asked);
            Headers headers = new RecordHeaders();
            CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
            CourierHeaders.put(headers, CourierHeaders.REPLY_TO, repliesTopic + ":0");
            send(author, headers);
            ids.add(requestId);
        }
        producer.flush();
        return ids;
    }

    /** Asks for each author's statistics and waits for the answers: request id to view. */
    public Map<String, AuthorStats> askAndAwait(Collection<String> authors, Duration timeout) {
        List<String> ids = askEach(authors);
        Await.until("answers to " + ids, timeout, () -> ids.stream().allMatch(this::isAnswered), () -> "answered: " + repliesById.keySet());
        Map<String, AuthorStats> views = new LinkedHashMap<>();
        ids.forEach(id -> views.put(id, (AuthorStats) reply(id).getView()));
        views.values().forEach(view -> lastViews.put(view.getAuthorId(), view));
        return views;
    }

    /** A query with no request id: a dead letter. */
    public void sendWithoutRequestId(String author) {
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REPLY_TO, repliesTopic + ":0");
        send(author, headers);
        producer.flush();
    }

    /** How many request ids have a reply so far. */
    public int answered() {
        poll();
        return repliesById.size();
    }

    public boolean isAnswered(String requestId) {
        poll();
        return repliesById.containsKey(requestId);
    }

    public int repliesTo(String requestId) {
        poll();
        return repliesById.getOrDefault(requestId, List.of()).size();
    }

    public Reply reply(String requestId) {
        return repliesById.get(requestId).get(0);
    }

    public Map<String, AuthorStats> lastViews() {
        return lastViews;
    }

    @Override
    public void close() {
        producer.close();
        replies.close();
    }

    private void send(String author, Headers headers) {
        producer.send(new ProducerRecord<>(queriesTopic, null, author.getBytes(StandardCharsets.UTF_8),
                queries.encode(new GetAuthorStats(author)), headers));
    }

    private void poll() {
        for (var record : replies.poll(Duration.ofMillis(50))) {
            String requestId = CourierHeaders.lastString(record.headers(), CourierHeaders.REQUEST_ID).orElseThrow();
            Reply reply = ((DecodeResult.Decoded<Reply>) replyCodec.decode(record.value())).message();
            repliesById.computeIfAbsent(requestId, id -> new ArrayList<>()).add(reply);
        }
    }

    /** The headers of the first {@code count} committed records of a topic, as strings. */
    public static List<Map<String, String>> awaitHeaders(String bootstrapServers, String topic, int count, Duration timeout) {
        return TopicReader.readAll(bootstrapServers, topic, count, timeout).stream().map(record -> {
            Map<String, String> headers = new HashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            return headers;
        }).toList();
    }
}
