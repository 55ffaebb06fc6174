package dev.courier.gateway.kafka;

import dev.courier.commons.process.Gathering;
import dev.courier.event.RequestServed;
import dev.courier.gateway.http.AccessRecords;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.topic.AccessRecordKeys;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes one {@link RequestServed} per answered request without ever slowing or failing the
 * request: the event loop only puts the facts in a bounded queue (a full one drops the record and
 * counts it), and one thread sends what has gathered every {@link #DRAIN_EVERY}. Nobody waits for an
 * access record, so none is worth a thread wake-up or a produce request of its own: gathered, they
 * go to Kafka in a few large batches. Records are keyed by route and status class
 * ({@code create-post/2xx}), the key the route analytics aggregate by.
 */
public final class AccessRecordPublisher implements AccessRecords, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AccessRecordPublisher.class);

    /** How long records gather before they are sent together. */
    static final Duration DRAIN_EVERY = Duration.ofMillis(50);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String instance;
    private final SingleObjectCodec<RequestServed> codec;
    private final Gathering<Served> records;
    private final Counter sent;
    private final Counter dropped;
    private final Counter failed;

    /**
     * @param producer shared with the commands; it outlives this publisher
     * @param buffer how many records may wait for the next send
     */
    public AccessRecordPublisher(Producer<byte[], byte[]> producer, String topic, String instance, SingleObjectCodec<RequestServed> codec,
                                 int buffer, MeterRegistry meters) {
        this(producer, topic, instance, codec, buffer, meters, DRAIN_EVERY);
    }

    AccessRecordPublisher(Producer<byte[], byte[]> producer, String topic, String instance, SingleObjectCodec<RequestServed> codec,
                          int buffer, MeterRegistry meters, Duration drainEvery) {
        this.producer = producer;
        this.topic = topic;
        this.instance = instance;
        this.codec = codec;
        this.sent = counter(meters, "sent");
        this.dropped = counter(meters, "dropped");
        this.failed = counter(meters, "failed");
        this.records = new Gathering<>("courier-access-record-sender", buffer, drainEvery, this::send,
                error -> LOG.warn("sending access records failed error={}", error.toString()));
        Gauge.builder("courier.access.records.queued", records, Gathering::waiting)
                .description("Access records waiting for the producer").register(meters);
    }

    @Override
    public void served(Served request) {
        if (!records.offer(request)) {
            dropped.increment();
        }
    }

    private void send(Served request) {
        RequestServed record = new RequestServed(request.route(), request.method(), request.status(), request.gatewayNanos() / 1_000,
                Math.max(0, request.replyWaitNanos()) / 1_000, instance, request.principal(), Instant.ofEpochMilli(request.servedAtMillis()));
        byte[] key = AccessRecordKeys.of(request.route(), request.status()).getBytes(StandardCharsets.UTF_8);
        try {
            producer.send(new ProducerRecord<>(topic, key, codec.encode(record)), (metadata, error) -> {
                if (error == null) {
                    sent.increment();
                } else {
                    failed.increment();
                }
            });
        } catch (RuntimeException e) {
            failed.increment();
        }
    }

    /** Sends what is gathered, then stops; the producer is closed by its owner. */
    @Override
    public void close() {
        records.close();
    }

    private static Counter counter(MeterRegistry meters, String result) {
        return Counter.builder("courier.access.records").tag("result", result)
                .description("Access records published for the route analytics, by result").register(meters);
    }
}
