package dev.courier.service.internal.processing;

import dev.courier.schemas.command.IncomingCommand;
import dev.courier.schemas.command.Intake;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.ReplyTo;
import dev.courier.service.store.EncodedOutcome;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;

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
                null, utf8(event.key()), event.value(), command.tracing()))));
        command.replyTo().ifPresent(replyTo -> outputs.add(new Output(Output.Kind.REPLY, reply(command, replyTo, outcome.reply()))));
        return outputs;
    }

    /** The original key, value and headers, plus what went wrong and where the record was read. */
    public Output deadLetter(ConsumerRecord<byte[], byte[]> record, Intake.Poison poison) {
        Headers headers = CourierHeaders.deadLetter(record.headers(), poison.errorClass(), poison.message(),
                record.topic(), record.partition(), record.offset());
        return new Output(Output.Kind.DEAD_LETTER,
                new ProducerRecord<>(deadLetterTopic, null, record.key(), record.value(), headers));
    }

    private static ProducerRecord<byte[], byte[]> reply(IncomingCommand command, ReplyTo replyTo, byte[] reply) {
        return new ProducerRecord<>(replyTo.topic(), replyTo.partitionOrNull(), utf8(command.requestId()), reply, command.tracing());
    }


    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
