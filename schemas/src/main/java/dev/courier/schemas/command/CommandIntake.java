package dev.courier.schemas.command;

import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.MessageReader;
import dev.courier.schemas.kafka.ReplyTo;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;

/**
 * Turns a raw record into a command, or says why it is a dead letter: no or a malformed request id,
 * a malformed or unreachable reply-to, a value that does not decode as a command of this topic.
 * Field bounds are not checked here; breaking them is the sender's mistake and gets a reply.
 */
public final class CommandIntake {

    /** Error classes written to dead letters. */
    public static final String MISSING_HEADER = "MissingHeader";
    public static final String INVALID_HEADER = "InvalidHeader";
    public static final String UNDECODABLE_VALUE = "UndecodableValue";

    private static final List<String> SINGLE_HEADERS = List.of(CourierHeaders.REQUEST_ID, CourierHeaders.REPLY_TO,
            CourierHeaders.PRINCIPAL, CourierHeaders.CORRELATION_ID);

    private final MessageReader<SpecificRecord> reader;
    private final Function<ReplyTo, Optional<String>> replyToProblems;

    /**
     * @param reader reads the values this topic accepts
     * @param replyToProblems why a reply cannot go to an address, or empty when it can
     */
    public CommandIntake(MessageReader<SpecificRecord> reader, Function<ReplyTo, Optional<String>> replyToProblems) {
        this.reader = reader;
        this.replyToProblems = replyToProblems;
    }

    public Intake read(ConsumerRecord<byte[], byte[]> record) {
        Headers headers = record.headers();
        for (String name : SINGLE_HEADERS) {
            if (count(headers, name) > 1) {
                return new Intake.Poison(INVALID_HEADER, name + " appears more than once; which one holds would be a guess");
            }
        }
        Optional<String> requestId = CourierHeaders.lastString(headers, CourierHeaders.REQUEST_ID);
        if (requestId.isEmpty()) {
            return new Intake.Poison(MISSING_HEADER, "no " + CourierHeaders.REQUEST_ID + " header");
        }
        if (!CourierHeaders.isPrintableId(requestId.get())) {
            return new Intake.Poison(INVALID_HEADER, CourierHeaders.REQUEST_ID + " must be 1 to 128 printable ASCII characters");
        }
        Optional<String> principal = CourierHeaders.lastString(headers, CourierHeaders.PRINCIPAL);
        Optional<String> correlationId = CourierHeaders.lastString(headers, CourierHeaders.CORRELATION_ID);
        Optional<Intake.Poison> badId = notPrintable(CourierHeaders.PRINCIPAL, principal)
                .or(() -> notPrintable(CourierHeaders.CORRELATION_ID, correlationId));
        if (badId.isPresent()) {
            return badId.get();
        }
        Optional<ReplyTo> replyTo;
        try {
            replyTo = CourierHeaders.lastString(headers, CourierHeaders.REPLY_TO).map(ReplyTo::parse);
        } catch (IllegalArgumentException e) {
            return new Intake.Poison(INVALID_HEADER, CourierHeaders.REPLY_TO + ": " + e.getMessage());
        }
        Optional<String> unreachable = replyTo.flatMap(replyToProblems);
        if (unreachable.isPresent()) {
            return new Intake.Poison(INVALID_HEADER, unreachable.get());
        }
        if (record.value() == null) {
            return new Intake.Poison(UNDECODABLE_VALUE, "the record has no value");
        }
        DecodeResult<SpecificRecord> decoded = reader.read(headers, record.value());
        if (decoded instanceof DecodeResult.Undecodable<SpecificRecord> failure) {
            return new Intake.Poison(UNDECODABLE_VALUE, describe(failure));
        }
        SpecificRecord message = ((DecodeResult.Decoded<SpecificRecord>) decoded).message();
        return new Intake.Accepted(new IncomingCommand(
                requestId.get(),
                correlationId,
                principal,
                replyTo,
                // An invalid traceparent is dropped, as W3C Trace Context says, not a reason to refuse.
                CourierHeaders.lastString(headers, CourierHeaders.TRACEPARENT).filter(CourierHeaders::isTraceparent),
                record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8),
                message,
                new SourcePosition(record.topic(), record.partition(), record.offset())));
    }

    private static Optional<Intake.Poison> notPrintable(String header, Optional<String> value) {
        return value.filter(text -> !CourierHeaders.isPrintableId(text))
                .map(text -> new Intake.Poison(INVALID_HEADER, header + " must be 1 to 128 printable ASCII characters"));
    }

    private static int count(Headers headers, String name) {
        int count = 0;
        for (var ignored : headers.headers(name)) {
            count++;
        }
        return count;
    }

    private static String describe(DecodeResult.Undecodable<SpecificRecord> failure) {
        if (failure.violations().isEmpty()) {
            return failure.reason();
        }
        return failure.reason() + ": " + failure.violations().stream()
                .map(violation -> violation.field() + " " + violation.code())
                .collect(Collectors.joining(", "));
    }

}
