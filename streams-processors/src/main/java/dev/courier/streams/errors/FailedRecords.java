package dev.courier.streams.errors;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * A record whose processing throws goes to the dead-letter topic with its original bytes, and
 * processing goes on: one bad record never stops a view.
 */
public final class FailedRecords implements ProcessingExceptionHandler {

    private String topic;

    @Override
    public void configure(Map<String, ?> configs) {
        topic = DeadLetterRecords.topic(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        return Response.resume(List.of(DeadLetterRecords.of(topic, context, context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), DeadLetterRecords.PROCESSING_FAILED, exception)));
    }
}
