package dev.courier.gateway.kafka;

import dev.courier.event.RequestServed;
import dev.courier.gateway.http.AccessRecords;
import dev.courier.schemas.codec.SingleObjectCodec;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes one {@link RequestServed} per answered request without ever slowing or failing the
 * request: the event loop only hands the facts to one sender thread behind a bounded queue; when
 * the queue is full the record is dropped and counted. Records are keyed by route and status class
 * ({@code create-post/2xx}), the key the route analytics aggregate by.
 */
public final class AccessRecordPublisher implements AccessRecords, AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final String instance;
    private final SingleObjectCodec<RequestServed> codec;
    private final ThreadPoolExecutor sender;
    private final Counter sent;
    private final Counter dropped;
    private final Counter failed;

    /**
     * @param producer shared with the commands; it outlives this publisher
     * @param buffer how many records may wait for the producer
     */
    public AccessRecordPublisher(Producer<byte[], byte[]> producer, String topic, String instance, SingleObjectCodec<RequestServed> codec,
                                 int buffer, MeterRegistry meters) {
        this.producer = producer;
        this.topic = topic;
        this.instance = instance;
        this.codec = codec;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(buffer), runnable -> {
            Thread thread = new Thread(runnable, "courier-access-record-sender");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
        this.sent = Counter.builder("courier.access.records").tag("result", "sent")
                .description("Access records published for the route analytics, by result").register(meters);
        this.dropped = Counter.builder("courier.access.records").tag("result", "dropped")
                .description("Access records published for the route analytics, by result").register(meters);
        this.failed = Counter.builder("courier.access.records").tag("result", "failed")
                .description("Access records published for the route analytics, by result").register(meters);
        Gauge.builder("courier.access.records.queued", sender, executor -> executor.getQueue().size())
                .description("Access records waiting for the producer").register(meters);
    }

    @Override
    public void served(Served request) {
        long servedAt = System.currentTimeMillis();
        try {
            sender.execute(() -> send(request, servedAt));
        } catch (RejectedExecutionException e) {
            dropped.increment();
        }
    }

    private void send(Served request, long servedAt) {
        RequestServed record = new RequestServed(request.route(), request.method(), request.status(), request.gatewayNanos() / 1_000,
                Math.max(0, request.replyWaitNanos()) / 1_000, instance, request.principal(), Instant.ofEpochMilli(servedAt));
        byte[] key = (request.route() + "/" + statusClass(request.status())).getBytes(StandardCharsets.UTF_8);
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

    /** {@code 2xx} for 200 to 299, and so on. */
    public static String statusClass(int status) {
        return (status / 100) + "xx";
    }

    /** Sends what is queued, then stops; the producer is closed by its owner. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
