package dev.courier.streams.errors;

import dev.courier.schemas.command.CommandIntake;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;

/** A record that does not decode goes to the dead-letter topic, and processing goes on. */
public final class UndecodableRecords implements DeserializationExceptionHandler {

    private String topic;

    @Override
    public void configure(Map<String, ?> configs) {
        topic = DeadLetterRecords.topic(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return Response.resume(List.of(DeadLetterRecords.of(topic, context, record.key(), record.value(), record.headers(),
                CommandIntake.UNDECODABLE_VALUE, exception)));
    }
}
