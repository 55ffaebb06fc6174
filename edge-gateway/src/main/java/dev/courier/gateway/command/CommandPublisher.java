package dev.courier.gateway.command;

import io.vertx.core.Context;
import io.vertx.core.Handler;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Produces commands without blocking the event loop: {@code send} can block on metadata or a full
 * buffer, so it runs on one dedicated thread behind a bounded queue; a failure comes back on the
 * caller's context, an acknowledgement on the producer's thread. When the queue is full (Kafka is not keeping up) a send fails at
 * once with {@link Full} rather than queueing without bound. The producer is idempotent with
 * {@code acks=all}, so an acknowledged command is durable.
 */
public final class CommandPublisher implements AutoCloseable {

    /** The queue in front of the producer is full: the caller should answer 503. */
    public static final class Full extends RuntimeException {
        Full(int capacity) {
            super("the queue of " + capacity + " commands waiting for the Kafka producer is full", null, false, false);
        }
    }

    private final Producer<byte[], byte[]> producer;
    private final int capacity;
    private final ThreadPoolExecutor sender;

    public CommandPublisher(Producer<byte[], byte[]> producer, int capacity) {
        this.producer = producer;
        this.capacity = capacity;
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(capacity), runnable -> {
            Thread thread = new Thread(runnable, "courier-command-sender");
            thread.setDaemon(true);
            return thread;
        }, new ThreadPoolExecutor.AbortPolicy());
    }

    /**
     * Sends one command. {@code acknowledged} runs on the producer's own thread once Kafka
     * acknowledged it, so it must be quick and thread-safe: a caller that waits for something else
     * (a reply) learns of a success without a wake-up of its event loop. {@code failed} runs on the
     * caller's context; when the queue is full or the publisher closed, at once, before this returns.
     */
    public void send(Context context, String topic, String key, byte[] value, Headers headers, Runnable acknowledged,
                     Handler<Throwable> failed) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), value, headers);
        try {
            sender.execute(() -> {
                try {
                    producer.send(record, (metadata, error) -> {
                        if (error == null) {
                            acknowledged.run();
                        } else {
                            context.runOnContext(ignored -> failed.handle(error));
                        }
                    });
                } catch (RuntimeException e) {
                    context.runOnContext(ignored -> failed.handle(e));
                }
            });
        } catch (RejectedExecutionException e) {
            failed.handle(sender.isShutdown() ? e : new Full(capacity));
        }
    }

    /** Commands waiting for the producer now. */
    public int queued() {
        return sender.getQueue().size();
    }

    @Override
    public void close() {
        sender.shutdown();
        producer.close();
    }
}
