package dev.courier.service.internal.kafka;

import dev.courier.service.internal.processing.Output;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends a batch's replies, events and dead letters and returns once Kafka has acknowledged every
 * one, so the offsets after them may be committed.
 */
public final class Outbox {

    private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

    private final Producer<byte[], byte[]> producer;

    public Outbox(Producer<byte[], byte[]> producer) {
        this.producer = producer;
    }

    /**
     * @throws KafkaException when a record could not be delivered; the batch must be processed again
     */
    public void sendAll(List<Output> outputs) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(outputs.size());
        outputs.forEach(output -> sent.add(producer.send(output.record())));
        // Sends what lingers at once: the batch is complete, waiting longer only adds latency.
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
            awaitAcknowledged(outputs.get(i), sent.get(i));
        }
    }

    private static void awaitAcknowledged(Output output, Future<RecordMetadata> sent) {
        try {
            sent.get();
        } catch (ExecutionException e) {
            if (output.kind() == Output.Kind.REPLY && isUndeliverable(e.getCause())) {
                // The reply-to was checked at intake, so the topic went away since. Retrying cannot help.
                LOG.warn("reply dropped topic={} partition={} error={}", output.record().topic(), output.record().partition(),
                        e.getCause().toString());
                return;
            }
            throw new KafkaException("could not deliver to " + output.record().topic(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaException("interrupted while waiting for acknowledgements", e);
        }
    }

    private static boolean isUndeliverable(Throwable failure) {
        return failure instanceof UnknownTopicOrPartitionException
                || failure instanceof InvalidTopicException
                || failure instanceof RecordTooLargeException;
    }
}
