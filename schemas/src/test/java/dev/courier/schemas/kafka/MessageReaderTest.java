package dev.courier.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.CreatePost;
import dev.courier.command.CreateUser;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import java.nio.charset.StandardCharsets;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class MessageReaderTest {

    private final MessageSerde<SpecificRecord> serde = MessageSerde.of(Messages.BLOG_COMMANDS);

    @Test
    void shouldReadAvroWhenNoContentTypeIsGiven() {
        // given
        CreatePost command = new CreatePost("p-1", "Hello", "World");

        // when
        DecodeResult<SpecificRecord> result = serde.reader().read(new RecordHeaders(), serde.codec().encode(command));

        // then
        assertThat(result).isEqualTo(new DecodeResult.Decoded<>(command));
    }

    @Test
    void shouldReadJsonNamedByTheMessageTypeHeader() {
        // given
        RecordHeaders headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.CONTENT_TYPE, "application/json; charset=utf-8");
        CourierHeaders.put(headers, CourierHeaders.MESSAGE_TYPE, "dev.courier.command.CreatePost");

        // when
        DecodeResult<SpecificRecord> result = serde.reader().read(headers, json("{\"postId\":\"p-1\",\"title\":\"Hello\",\"content\":\"World\"}"));

        // then
        assertThat(result).isEqualTo(new DecodeResult.Decoded<>(new CreatePost("p-1", "Hello", "World")));
    }

    @Test
    void shouldRejectJsonWithoutOrWithAForeignMessageType() {
        // given
        RecordHeaders headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.CONTENT_TYPE, ContentTypes.JSON);

        // when / then
        assertThat(reason(serde.reader().read(headers, json("{}")))).isEqualTo("JSON value without a courier-message-type header");
        CourierHeaders.put(headers, CourierHeaders.MESSAGE_TYPE, CreateUser.getClassSchema().getFullName());
        assertThat(reason(serde.reader().read(headers, json("{}")))).isEqualTo("dev.courier.command.CreateUser is not accepted here (blog-commands)");
    }

    @Test
    void shouldRejectUnsupportedContentTypes() {
        // given
        RecordHeaders headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.CONTENT_TYPE, "text/plain");

        // when / then
        assertThat(reason(serde.reader().read(headers, json("x")))).startsWith("unsupported content-type 'text/plain'");
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String reason(DecodeResult<?> result) {
        assertThat(result).isInstanceOf(DecodeResult.Undecodable.class);
        return ((DecodeResult.Undecodable<?>) result).reason();
    }
}
