package dev.courier.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.courier.command.CreatePost;
import dev.courier.command.ListPostsByAuthor;
import dev.courier.command.UpdatePost;
import dev.courier.event.PostCreated;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonToAvroTest {

    private final JsonToAvro json = new JsonToAvro();

    @Test
    void shouldMapAValidBody() {
        // when
        DecodeResult<CreatePost> result = read("{\"postId\":\"p-1\",\"title\":\"Hello\",\"content\":\"World\"}", CreatePost.class);

        // then
        assertThat(result).isEqualTo(new DecodeResult.Decoded<>(new CreatePost("p-1", "Hello", "World")));
    }

    @Test
    void shouldRefuseAnOverlongSlashInsteadOfReadingIt() {
        // given: "title":"a<C0 AF>b", which a lenient decoder reads as "a/b"
        byte[] body = "{\"postId\":\"p-1\",\"title\":\"a\u0000b\",\"content\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        int nul = indexOf(body, (byte) 0);
        byte[] overlong = new byte[body.length + 1];
        System.arraycopy(body, 0, overlong, 0, nul);
        overlong[nul] = (byte) 0xC0;
        overlong[nul + 1] = (byte) 0xAF;
        System.arraycopy(body, nul + 1, overlong, nul + 2, body.length - nul - 1);

        // when
        DecodeResult<CreatePost> result = json.read(overlong, CreatePost.class);

        // then
        assertThat(violations(result)).containsExactly(new Violation("", Violation.MALFORMED, "not well-formed UTF-8 at byte offset " + nul));
    }

    @Test
    void shouldReportMissingFieldWrongTypeAndOverLongStringTogether() {
        // given: content missing, postId a number, title 201 characters
        String body = "{\"postId\":42,\"title\":\"" + "x".repeat(201) + "\"}";

        // when
        DecodeResult<CreatePost> result = read(body, CreatePost.class);

        // then
        assertThat(violations(result)).extracting(Violation::field, Violation::code).containsExactlyInAnyOrder(
                tuple("postId", Violation.WRONG_TYPE),
                tuple("title", Violation.TOO_LONG),
                tuple("content", Violation.MISSING));
        assertThat(violations(result)).filteredOn(v -> v.field().equals("title")).singleElement()
                .extracting(Violation::message).isEqualTo("must be at most 200 characters, was 201");
    }

    @Test
    void shouldRejectUnknownFields() {
        // when
        DecodeResult<CreatePost> result = read("{\"postId\":\"p\",\"titel\":\"typo\",\"title\":\"t\",\"content\":\"c\"}", CreatePost.class);

        // then
        assertThat(violations(result)).containsExactly(new Violation("titel", Violation.UNKNOWN_FIELD, "is not a field of CreatePost"));
    }

    @Test
    void shouldApplyDefaultsAndCheckRanges() {
        // when
        DecodeResult<ListPostsByAuthor> defaulted = read("{\"authorId\":\"alice\"}", ListPostsByAuthor.class);
        DecodeResult<ListPostsByAuthor> tooLarge = read("{\"authorId\":\"alice\",\"limit\":1000}", ListPostsByAuthor.class);

        // then
        assertThat(defaulted).isEqualTo(new DecodeResult.Decoded<>(new ListPostsByAuthor("alice", null, 20)));
        assertThat(violations(tooLarge)).containsExactly(new Violation("limit", Violation.TOO_LARGE, "must be at most 100, was 1000"));
    }

    @Test
    void shouldMapPlainUnionValuesAndNulls() {
        // when
        DecodeResult<UpdatePost> result = read("{\"postId\":\"p\",\"title\":\"new\",\"content\":null}", UpdatePost.class);

        // then
        assertThat(result).isEqualTo(new DecodeResult.Decoded<>(new UpdatePost("p", "new", null)));
    }

    @Test
    void shouldRejectNullForARequiredField() {
        assertThat(violations(read("{\"postId\":null,\"title\":\"t\",\"content\":\"c\"}", CreatePost.class)))
                .containsExactly(new Violation("postId", Violation.WRONG_TYPE, "must not be null"));
    }

    @Test
    void shouldReadTimestampsAsIsoInstantsOrEpochMillis() {
        // when
        DecodeResult<PostCreated> iso = read("{\"postId\":\"p\",\"authorId\":\"a\",\"title\":\"t\",\"content\":\"c\",\"createdAt\":\"2026-01-31T12:00:00Z\"}", PostCreated.class);
        DecodeResult<PostCreated> millis = read("{\"postId\":\"p\",\"authorId\":\"a\",\"title\":\"t\",\"content\":\"c\",\"createdAt\":1769860800000}", PostCreated.class);

        // then
        Instant expected = Instant.parse("2026-01-31T12:00:00Z");
        assertThat(((DecodeResult.Decoded<PostCreated>) iso).message().getCreatedAt()).isEqualTo(expected);
        assertThat(((DecodeResult.Decoded<PostCreated>) millis).message().getCreatedAt()).isEqualTo(expected);
    }

    @Test
    void shouldReportMalformedJsonWithItsPosition() {
        // when
        DecodeResult<CreatePost> result = read("{\"postId\": \"p\",,}", CreatePost.class);

        // then
        assertThat(((DecodeResult.Undecodable<CreatePost>) result).reason()).startsWith("malformed JSON").contains("line 1");
    }

    @Test
    void shouldRejectDuplicateKeysAndTrailingContent() {
        assertThat(read("{\"postId\":\"a\",\"postId\":\"b\",\"title\":\"t\",\"content\":\"c\"}", CreatePost.class))
                .isInstanceOf(DecodeResult.Undecodable.class);
        assertThat(read("{\"postId\":\"a\",\"title\":\"t\",\"content\":\"c\"} {}", CreatePost.class))
                .isInstanceOf(DecodeResult.Undecodable.class);
    }

    @Test
    void shouldRejectDocumentsNestedDeeperThanTheLimit() {
        // given
        JsonToAvro shallow = new JsonToAvro(new JsonLimits(3, 1_000));
        String deep = "{\"postId\":{\"a\":{\"b\":{\"c\":1}}},\"title\":\"t\",\"content\":\"c\"}";

        // when
        DecodeResult<CreatePost> result = shallow.read(deep.getBytes(StandardCharsets.UTF_8), CreatePost.class);

        // then
        assertThat(((DecodeResult.Undecodable<CreatePost>) result).reason()).contains("nesting depth");
    }

    @Test
    void shouldRejectANonObjectDocument() {
        assertThat(violations(read("[1,2]", CreatePost.class))).containsExactly(new Violation("", Violation.WRONG_TYPE, "must be an object"));
    }

    private <T extends org.apache.avro.specific.SpecificRecord> DecodeResult<T> read(String body, Class<T> type) {
        return json.read(body.getBytes(StandardCharsets.UTF_8), type);
    }

    private static java.util.List<Violation> violations(DecodeResult<?> result) {
        assertThat(result).isInstanceOf(DecodeResult.Undecodable.class);
        return ((DecodeResult.Undecodable<?>) result).violations();
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
