package dev.courier.service.testing;

import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.kafka.TopicAdmin;
import dev.courier.infra.process.Await;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.kafka.ContentTypes;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.ReplyTo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Sends commands to a command topic as the gateway or an async producer would, and reads the
 * replies from a reply topic of its own. Every reply is kept, so redelivered answers can be counted.
 */
public final class CommandClient implements AutoCloseable {

    private static final Duration REPLY_TIMEOUT = Duration.ofSeconds(60);

    private final String commandTopic;
    private final String replyTopic;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> replies;
    private final SingleObjectCodec<SpecificRecord> commandCodec;
    private final SingleObjectCodec<Reply> replyCodec = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released());
    private final Map<String, List<byte[]>> received = new ConcurrentHashMap<>();

    public CommandClient(KafkaEndpoint kafka, String commandTopic, SingleObjectCodec<SpecificRecord> commandCodec) {
        this.commandTopic = commandTopic;
        this.commandCodec = commandCodec;
        this.replyTopic = TopicAdmin.uniqueName("replies");
        TopicAdmin.create(kafka, replyTopic, 1, 1);
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true",
                ProducerConfig.LINGER_MS_CONFIG, "1",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName()));
        this.replies = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName()));
        TopicPartition partition = new TopicPartition(replyTopic, 0);
        replies.assign(List.of(partition));
        replies.seekToBeginning(List.of(partition));
    }

    /** The address to put in a command's reply-to header. */
    public ReplyTo replyTo() {
        return ReplyTo.of(replyTopic, 0);
    }

    /** Headers of a command from {@code principal} (may be null) that wants a reply here. */
    public Headers headers(String requestId, String principal) {
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
        CourierHeaders.put(headers, CourierHeaders.REPLY_TO, replyTo().format());
        if (principal != null) {
            CourierHeaders.put(headers, CourierHeaders.PRINCIPAL, principal);
        }
        return headers;
    }

    /** Sends an Avro command as {@code principal} with a new request id, which it returns. */
    public String send(String key, SpecificRecord command, String principal) {
        String requestId = UUID.randomUUID().toString();
        sendWithHeaders(key, command, headers(requestId, principal));
        return requestId;
    }

    public void sendWithHeaders(String key, SpecificRecord command, Headers headers) {
        sendRaw(key, commandCodec.encode(command), headers);
    }

    /** Sends a JSON command as an outside producer would: content-type and message-type headers. */
    public void sendJson(String key, String messageType, String json, Headers headers) {
        CourierHeaders.put(headers, CourierHeaders.CONTENT_TYPE, ContentTypes.JSON);
        CourierHeaders.put(headers, CourierHeaders.MESSAGE_TYPE, messageType);
        sendRaw(key, json.getBytes(StandardCharsets.UTF_8), headers);
    }

    public void sendRaw(String key, byte[] value, Headers headers) {
        producer.send(new ProducerRecord<>(commandTopic, null, key == null ? null : key.getBytes(StandardCharsets.UTF_8), value, headers));
    }

    public void flush() {
        producer.flush();
    }

    /** The first reply to the request, waiting for it if need be. */
    public Reply awaitReply(String requestId) {
        return awaitReplies(requestId, 1).get(0);
    }

    /** At least {@code count} replies to the request, in arrival order. */
    public List<Reply> awaitReplies(String requestId, int count) {
        producer.flush();
        Await.until("reply to " + requestId, REPLY_TIMEOUT, () -> {
            if (received.getOrDefault(requestId, List.of()).size() >= count) {
                return true;
            }
            pollReplies();
            return received.getOrDefault(requestId, List.of()).size() >= count;
        }, () -> "replies seen for " + received.size() + " requests");
        return received.get(requestId).stream().map(this::decode).toList();
    }

    /** The replies to the request received so far, as the bytes sent. */
    public List<byte[]> rawReplies(String requestId) {
        return List.copyOf(received.getOrDefault(requestId, List.of()));
    }

    /** Reads what has arrived and returns how many replies were seen in all. */
    public int pollReplies() {
        for (ConsumerRecord<byte[], byte[]> record : replies.poll(Duration.ofMillis(100))) {
            String requestId = CourierHeaders.lastString(record.headers(), CourierHeaders.REQUEST_ID).orElse("?");
            received.computeIfAbsent(requestId, id -> new ArrayList<>()).add(record.value());
        }
        return received.values().stream().mapToInt(List::size).sum();
    }

    private Reply decode(byte[] value) {
        DecodeResult<Reply> result = replyCodec.decode(value);
        if (result instanceof DecodeResult.Decoded<Reply> decoded) {
            return decoded.message();
        }
        throw new AssertionError("reply does not decode: " + result);
    }

    @Override
    public void close() {
        producer.close();
        replies.close();
    }
}
