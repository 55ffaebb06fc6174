package dev.courier.gateway.command;

import dev.courier.commons.process.Backoff;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;

/**
 * Produces commands from the event loop itself, without blocking it: the gateway's producer has
 * {@code max.block.ms=0} (fixed by {@code GatewayKafka}), so {@code send} never waits for buffer
 * space or metadata. A full buffer (Kafka is not keeping up) fails the send at once with
 * {@link Full}; a topic whose partitions the producer does not know fails it at once too, which is
 * why {@link #learn} fetches them before a route goes live. Sending on the caller's thread spares a
 * hand-off and a thread wake-up per request (docs/design.md, "Why not vertx-kafka-client here").
 * The producer is idempotent with {@code acks=all}, so an acknowledged command is durable.
 */
public final class CommandPublisher implements AutoCloseable {

    /** The producer's buffer is full: the caller should answer 503. */
    public static final class Full extends RuntimeException {
        Full(Throwable cause) {
            super("the Kafka producer's buffer is full: " + cause.getMessage(), null, false, false);
        }
    }

    private final Producer<byte[], byte[]> producer;

    public CommandPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /**
     * Waits until the producer knows every partition of {@code topics}, so that a send to them need
     * not wait; called off the event loops, when routes are prepared.
     *
     * @throws IllegalStateException when a topic's partitions are still unknown after {@code within}
     */
    public void learn(Collection<String> topics, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        Backoff backoff = new Backoff(Duration.ofMillis(10), Duration.ofMillis(500));
        for (String topic : topics) {
            while (!knows(topic)) {
                if (System.nanoTime() - deadline > 0) {
                    throw new IllegalStateException("Kafka told no partitions of topic " + topic + " within " + within);
                }
                try {
                    Thread.sleep(backoff.next().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while learning the partitions of topic " + topic, e);
                }
            }
        }
    }

    /** Whether the producer knows the topic's partitions; if not, it now asks Kafka for them. */
    private boolean knows(String topic) {
        try {
            producer.partitionsFor(topic); // with max.block.ms=0 it fails at once while the metadata is not here
            return true;
        } catch (TimeoutException e) {
            return false;
        }
    }

    /**
     * Sends one command, on the caller's thread. {@code acknowledged} runs on the producer's own
     * thread once Kafka acknowledged it, so it must be quick and thread-safe: a caller that waits
     * for something else (a reply) learns of a success without a wake-up of its event loop.
     * {@code failed} runs on the caller's context, after this returns.
     */
    public void send(Context context, String topic, String key, byte[] value, Headers headers, Runnable acknowledged,
                     Handler<Throwable> failed) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), value, headers);
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.run();
                } else {
                    context.runOnContext(ignored -> failed.handle(told(error)));
                }
            });
        } catch (RuntimeException e) {
            context.runOnContext(ignored -> failed.handle(told(e)));
        }
    }

    /** Kafka's full buffer is the caller's overload, not a failure of Kafka. */
    private static Throwable told(Throwable error) {
        return error instanceof BufferExhaustedException ? new Full(error) : error;
    }

    @Override
    public void close() {
        producer.close();
    }
}
