package dev.courier.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.CreatePost;
import dev.courier.command.ListPostsByAuthor;
import dev.courier.event.PostCreated;
import dev.courier.model.Post;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.TestSchemas;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class SingleObjectCodecTest {

    private final SingleObjectCodec<SpecificRecord> blogCommands = new SingleObjectCodec<>(Messages.BLOG_COMMANDS, SchemaCatalog.released());

    @Test
    void shouldRoundTripEveryMemberOfAFamily() {
        // given
        CreatePost create = new CreatePost("p-1", "Hello", "World");
        ListPostsByAuthor list = new ListPostsByAuthor("alice", "cursor-1", 10);

        // when / then
        assertThat(decoded(blogCommands.decode(blogCommands.encode(create)))).isEqualTo(create);
        assertThat(decoded(blogCommands.decode(blogCommands.encode(list)))).isEqualTo(list);
    }

    @Test
    void shouldRoundTripNestedPayloadsAndTimestamps() {
        // given
        SingleObjectCodec<Reply> replies = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Reply reply = Reply.newBuilder().setOutcome(Outcome.OK).setPayload(new Post("p-1", "alice", "t", "c", now, now)).build();

        // when
        Reply read = decoded(replies.decode(replies.encode(reply)));

        // then
        assertThat(read).isEqualTo(reply);
        assertThat(((Post) read.getPayload()).getCreatedAt()).isEqualTo(now);
    }

    @Test
    void shouldWriteTheSingleObjectHeader() {
        // when
        byte[] bytes = blogCommands.encode(new CreatePost("p-1", "Hello", "World"));

        // then
        assertThat(Arrays.copyOf(bytes, 2)).containsExactly(0xC3, 0x01);
        long fingerprint = ByteBuffer.wrap(bytes, 2, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
        assertThat(fingerprint).isEqualTo(SchemaCatalog.fingerprint(CreatePost.getClassSchema()));
    }

    @Test
    void shouldReadRecordWrittenWithAnOlderSchemaVersion() throws Exception {
        // given a writer from before ListPostsByAuthor had a limit
        Schema older = TestSchemas.load("ListPostsByAuthor-before-limit.avsc");
        GenericRecord old = new GenericData.Record(older);
        old.put("authorId", "alice");
        old.put("cursor", null);
        byte[] bytes = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(old).array();
        SingleObjectCodec<SpecificRecord> codec = new SingleObjectCodec<>(Messages.BLOG_COMMANDS, SchemaCatalog.released().with(List.of(older)));

        // when
        DecodeResult<SpecificRecord> result = codec.decode(bytes);

        // then the current reader fills the new field from its default
        assertThat(decoded(result)).isEqualTo(new ListPostsByAuthor("alice", null, 20));
    }

    @Test
    void shouldRejectUnknownFingerprint() {
        // given
        byte[] bytes = blogCommands.encode(new CreatePost("p-1", "Hello", "World"));
        bytes[5] ^= 0x55;

        // when / then
        assertThat(reason(blogCommands.decode(bytes))).startsWith("unknown schema fingerprint");
    }

    @Test
    void shouldRejectMessageOfAnotherFamily() {
        // given
        SingleObjectCodec<SpecificRecord> events = new SingleObjectCodec<>(Messages.BLOG_EVENTS, SchemaCatalog.released());
        byte[] event = events.encode(new PostCreated("p-1", "alice", "t", "c", Instant.now()));

        // when / then
        assertThat(reason(blogCommands.decode(event))).isEqualTo("dev.courier.event.PostCreated is not accepted here (blog-commands)");
    }

    @Test
    void shouldRejectBytesWithoutTheMarker() {
        assertThat(reason(blogCommands.decode("{\"title\":\"x\"}".getBytes()))).contains("no C3 01 marker");
        assertThat(reason(blogCommands.decode(new byte[0]))).contains("no C3 01 marker");
    }

    @Test
    void shouldRejectTruncatedBody() {
        // given
        byte[] bytes = blogCommands.encode(new CreatePost("p-1", "Hello", "World"));

        // when
        DecodeResult<SpecificRecord> result = blogCommands.decode(Arrays.copyOf(bytes, bytes.length - 3));

        // then
        assertThat(reason(result)).startsWith("malformed dev.courier.command.CreatePost body");
    }

    @Test
    void shouldRefuseToEncodeAMessageOutsideTheFamily() {
        org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
                .isThrownBy(() -> blogCommands.encode(new PostCreated("p-1", "alice", "t", "c", Instant.now())))
                .withMessageContaining("is not a member of MessageFamily[blog-commands]");
    }

    static <T> T decoded(DecodeResult<T> result) {
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded<T>) result).message();
    }

    static String reason(DecodeResult<?> result) {
        assertThat(result).isInstanceOf(DecodeResult.Undecodable.class);
        return ((DecodeResult.Undecodable<?>) result).reason();
    }
}
