package dev.courier.service.internal.processing;

import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.ReplyTo;
import dev.courier.service.command.IncomingCommand;
import dev.courier.service.command.Intake;
import dev.courier.service.store.EncodedOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Builds the records a command leads to: its events, its reply, or its dead letter. */
public final class OutgoingRecords {

    private final String eventTopic;
    private final String deadLetterTopic;

    public OutgoingRecords(String eventTopic, String deadLetterTopic) {
        this.eventTopic = eventTopic;
        this.deadLetterTopic = deadLetterTopic;
    }

    /** The events, then the reply if the command asked for one. */
    public List<Output> of(IncomingCommand command, EncodedOutcome outcome) {
        List<Output> outputs = new ArrayList<>(outcome.events().size() + 1);
        outcome.events().forEach(event -> outputs.add(new Output(Output.Kind.EVENT, new ProducerRecord<>(eventTopic,
                null, utf8(event.key()), event.value(), tracing(command)))));
        command.replyTo().ifPresent(replyTo -> outputs.add(new Output(Output.Kind.REPLY, reply(command, replyTo, outcome.reply()))));
        return outputs;
    }

    /** The original key, value and headers, plus what went wrong and where the record was read. */
    public Output deadLetter(ConsumerRecord<byte[], byte[]> record, Intake.Poison poison) {
        Headers headers = new RecordHeaders(record.headers().toArray());
        CourierHeaders.put(headers, CourierHeaders.DLQ_ERROR_CLASS, poison.errorClass());
        CourierHeaders.put(headers, CourierHeaders.DLQ_ERROR_MESSAGE, poison.message());
        CourierHeaders.put(headers, CourierHeaders.DLQ_SOURCE_TOPIC, record.topic());
        CourierHeaders.put(headers, CourierHeaders.DLQ_SOURCE_PARTITION, Integer.toString(record.partition()));
        CourierHeaders.put(headers, CourierHeaders.DLQ_SOURCE_OFFSET, Long.toString(record.offset()));
        return new Output(Output.Kind.DEAD_LETTER,
                new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(), headers));
    }

    private static ProducerRecord<byte[], byte[]> reply(IncomingCommand command, ReplyTo replyTo, byte[] reply) {
        Integer partition = replyTo.partition().isPresent() ? replyTo.partition().getAsInt() : null;
        return new ProducerRecord<>(replyTo.topic(), partition, utf8(command.requestId()), reply, tracing(command));
    }

    /** Request id, correlation id and trace context travel on from the command. */
    private static Headers tracing(IncomingCommand command) {
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, command.requestId());
        command.correlationId().ifPresent(id -> CourierHeaders.put(headers, CourierHeaders.CORRELATION_ID, id));
        command.traceparent().ifPresent(trace -> CourierHeaders.put(headers, CourierHeaders.TRACEPARENT, trace));
        return headers;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
