package dev.courier.schemas.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.GetPost;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.json.JsonToAvro;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.MessageReader;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommandIntakeTest {

    private static final SingleObjectCodec<SpecificRecord> COMMANDS = new SingleObjectCodec<>(Messages.BLOG_COMMANDS, SchemaCatalog.released());

    private final CommandIntake intake = new CommandIntake(new MessageReader<>(COMMANDS, new JsonToAvro()), replyTo -> Optional.empty());

    @Test
    void shouldAcceptACommandWithItsHeaders() {
        RecordHeaders headers = headers("r-1");
        CourierHeaders.put(headers, CourierHeaders.PRINCIPAL, "corp:alice");
        CourierHeaders.put(headers, CourierHeaders.TRACEPARENT, "not a traceparent");

        Intake read = intake.read(record(headers, COMMANDS.encode(new GetPost("p-1"))));

        assertThat(read).isInstanceOfSatisfying(Intake.Accepted.class, accepted -> {
            assertThat(accepted.command().principal()).contains("corp:alice");
            assertThat(accepted.command().traceparent()).as("an invalid traceparent is dropped").isEmpty();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\u0000b", "alice smith", "\u00e9"})
    void shouldDeadLetterAPrincipalThatIsNotPrintableAscii(String principal) {
        RecordHeaders headers = headers("r-1");
        CourierHeaders.put(headers, CourierHeaders.PRINCIPAL, principal);

        assertThat(intake.read(record(headers, COMMANDS.encode(new GetPost("p-1")))))
                .isEqualTo(new Intake.Poison(CommandIntake.INVALID_HEADER, CourierHeaders.PRINCIPAL + " must be 1 to 128 printable ASCII characters"));
    }

    @ParameterizedTest
    @ValueSource(strings = {CourierHeaders.REQUEST_ID, CourierHeaders.PRINCIPAL, CourierHeaders.REPLY_TO, CourierHeaders.CORRELATION_ID})
    void shouldDeadLetterACourierHeaderGivenTwice(String name) {
        RecordHeaders headers = headers("r-1");
        headers.add(name, "one".getBytes(StandardCharsets.UTF_8));
        headers.add(name, "two".getBytes(StandardCharsets.UTF_8));

        assertThat(intake.read(record(headers, COMMANDS.encode(new GetPost("p-1")))))
                .isInstanceOfSatisfying(Intake.Poison.class, poison -> assertThat(poison.message()).startsWith(name + " appears more than once"));
    }

    @Test
    void shouldDeadLetterJsonThatIsNotWellFormedUtf8() {
        byte[] json = {'{', '"', 'p', 'o', 's', 't', 'I', 'd', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};
        RecordHeaders headers = headers("r-1");
        CourierHeaders.put(headers, CourierHeaders.CONTENT_TYPE, "application/json");
        CourierHeaders.put(headers, CourierHeaders.MESSAGE_TYPE, GetPost.getClassSchema().getFullName());

        assertThat(intake.read(record(headers, json))).isInstanceOfSatisfying(Intake.Poison.class, poison -> {
            assertThat(poison.errorClass()).isEqualTo(CommandIntake.UNDECODABLE_VALUE);
            assertThat(poison.message()).contains("not well-formed UTF-8 at byte offset 11");
        });
    }

    private static RecordHeaders headers(String requestId) {
        RecordHeaders headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
        return headers;
    }

    private static ConsumerRecord<byte[], byte[]> record(RecordHeaders headers, byte[] value) {
        return new ConsumerRecord<>("commands", 0, 0, 0L, TimestampType.CREATE_TIME, 0, 0,
                "p-1".getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }
}
