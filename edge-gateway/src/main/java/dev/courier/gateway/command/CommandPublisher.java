package dev.courier.gateway.command;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Produces commands without blocking the event loop: {@code send} can block on metadata or a full
 * buffer, so it runs on one dedicated thread, and the acknowledgement comes back on the caller's
 * context. The producer is idempotent with {@code acks=all}, so an acknowledged command is durable.
 */
public final class CommandPublisher implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "courier-command-sender");
        thread.setDaemon(true);
        return thread;
    });

    public CommandPublisher(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    public Future<Void> send(Context context, String topic, String key, byte[] value, Headers headers) {
        Promise<Void> acknowledged = Promise.promise();
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null, key.getBytes(StandardCharsets.UTF_8), value, headers);
        try {
            sender.execute(() -> {
                try {
                    producer.send(record, (metadata, error) -> context.runOnContext(ignored -> {
                        if (error == null) {
                            acknowledged.complete();
                        } else {
                            acknowledged.fail(error);
                        }
                    }));
                } catch (RuntimeException e) {
                    context.runOnContext(ignored -> acknowledged.fail(e));
                }
            });
        } catch (RejectedExecutionException e) {
            acknowledged.fail(e);
        }
        return acknowledged.future();
    }

    @Override
    public void close() {
        sender.shutdown();
        producer.close();
    }
}
