package dev.courier.streams.deadletters;

import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.streams.state.DeadLetterCount;
import java.time.Instant;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Reads what a dead letter's headers say (where it came from, why) and counts it once under that
 * key. A record without them (written by something other than Courier) is counted as unknown.
 */
final class DeadLetterClasses implements Processor<byte[], byte[], String, DeadLetterCount> {

    private static final String UNKNOWN = "unknown";

    private ProcessorContext<String, DeadLetterCount> context;

    @Override
    public void init(ProcessorContext<String, DeadLetterCount> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> deadLetter) {
        String sourceTopic = CourierHeaders.lastString(deadLetter.headers(), CourierHeaders.DLQ_SOURCE_TOPIC).orElse(UNKNOWN);
        String errorClass = CourierHeaders.lastString(deadLetter.headers(), CourierHeaders.DLQ_ERROR_CLASS).orElse(UNKNOWN);
        DeadLetterCount one = new DeadLetterCount(sourceTopic, errorClass, 1L, Instant.ofEpochMilli(deadLetter.timestamp()));
        context.forward(new Record<>(sourceTopic + "|" + errorClass, one, deadLetter.timestamp()));
    }
}
