package dev.courier.service.testing;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * A {@link MockProducer} whose sends Kafka acknowledges only when the test says so, with
 * {@link #completeNext()} or {@link #errorNext(RuntimeException)}, oldest first. MockProducer's own
 * flush acknowledges every pending send at once; here it only counts, so a test also controls the
 * acknowledgements of records sent and flushed: whoever waits for them waits on their futures.
 */
public final class ManualAcksProducer extends MockProducer<byte[], byte[]> {

    private int flushes;

    public ManualAcksProducer() {
        super(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public synchronized void flush() {
        flushes++;
    }

    public synchronized int flushes() {
        return flushes;
    }

    /** Acknowledges every pending send; returns how many there were. */
    public synchronized int completeAll() {
        int completed = 0;
        while (completeNext()) {
            completed++;
        }
        return completed;
    }
}
