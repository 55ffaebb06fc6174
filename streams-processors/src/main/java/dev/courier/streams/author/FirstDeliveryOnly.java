package dev.courier.streams.author;

import dev.courier.schemas.kafka.CourierHeaders;
import java.time.Duration;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Lets each event through once. The services deliver events at least once, and a repeat always
 * carries the same request id; an event whose request id and type were seen within the window is
 * dropped. The window bounds the store: a repeat later than that would be counted again.
 */
final class FirstDeliveryOnly implements Processor<String, SpecificRecord, String, SpecificRecord> {

    private final String storeName;
    private final long windowMillis;
    private ProcessorContext<String, SpecificRecord> context;
    private WindowStore<String, Long> seen;

    FirstDeliveryOnly(String storeName, Duration window) {
        this.storeName = storeName;
        this.windowMillis = window.toMillis();
    }

    @Override
    public void init(ProcessorContext<String, SpecificRecord> context) {
        this.context = context;
        this.seen = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, SpecificRecord> event) {
        Optional<String> requestId = CourierHeaders.lastString(event.headers(), CourierHeaders.REQUEST_ID);
        if (requestId.isEmpty()) {
            // Not written by a Courier service: nothing to tell a repeat by, so it counts.
            context.forward(event);
            return;
        }
        String id = requestId.get() + "/" + event.value().getSchema().getName();
        long at = event.timestamp();
        try (WindowStoreIterator<Long> earlier = seen.fetch(id, at - windowMillis, at + windowMillis)) {
            if (earlier.hasNext()) {
                return;
            }
        }
        seen.put(id, at, at);
        context.forward(event);
    }
}
