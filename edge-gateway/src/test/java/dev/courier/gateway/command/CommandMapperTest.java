package dev.courier.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.CreatePost;
import dev.courier.command.GetPost;
import dev.courier.command.ListPostsByAuthor;
import dev.courier.gateway.route.Route;
import dev.courier.gateway.route.RouteFile;
import dev.courier.gateway.route.RouteTable;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.json.JsonToAvro;
import dev.courier.schemas.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class CommandMapperTest {

    private static final RouteTable ROUTES = RouteFile.load(Optional.empty());
    private static final Function<String, List<String>> NO_QUERY = name -> List.of();
    private static final byte[] NO_BODY = new byte[0];

    private final CommandMapper mapper = new CommandMapper(new JsonToAvro());

    @Test
    void shouldFillTheNewIdFromTheRequestIdAndTheRestFromTheBody() {
        DecodeResult<SpecificRecord> mapped = mapper.map(route("create-post"), Map.of(), NO_QUERY,
                json("{\"title\": \"Hello\", \"content\": \"World\"}"), "req-1");

        assertThat(decoded(mapped)).isEqualTo(new CreatePost("req-1", "Hello", "World"));
    }

    @Test
    void shouldFillAFieldFromThePath() {
        DecodeResult<SpecificRecord> mapped = mapper.map(route("get-post"), Map.of("id", "p-42"), NO_QUERY, NO_BODY, "req-1");

        assertThat(decoded(mapped)).isEqualTo(new GetPost("p-42"));
    }

    @Test
    void shouldTurnANumericQueryParameterIntoANumberAndLeaveAbsentOnesToTheirDefaults() {
        Route route = route("list-posts-by-author");

        SpecificRecord firstPage = decoded(mapper.map(route, Map.of("id", "alice"), NO_QUERY, NO_BODY, "req-1"));
        SpecificRecord nextPage = decoded(mapper.map(route, Map.of("id", "alice"),
                query(Map.of("limit", List.of("5"), "cursor", List.of("c-9"))), NO_BODY, "req-2"));

        assertThat(firstPage).isEqualTo(new ListPostsByAuthor("alice", null, 20));
        assertThat(nextPage).isEqualTo(new ListPostsByAuthor("alice", "c-9", 5));
    }

    @Test
    void shouldReportAQueryParameterThatIsNotANumberAsTheFieldsWrongType() {
        DecodeResult<SpecificRecord> mapped = mapper.map(route("list-posts-by-author"), Map.of("id", "alice"),
                query(Map.of("limit", List.of("ten"))), NO_BODY, "req-1");

        assertThat(violations(mapped)).singleElement().satisfies(violation -> {
            assertThat(violation.field()).isEqualTo("limit");
            assertThat(violation.code()).isEqualTo(Violation.WRONG_TYPE);
        });
    }

    @Test
    void shouldRefuseAQueryParameterGivenTwiceRatherThanPickOne() {
        DecodeResult<SpecificRecord> mapped = mapper.map(route("list-posts-by-author"), Map.of("id", "alice"),
                query(Map.of("limit", List.of("5", "50"))), NO_BODY, "req-1");

        assertThat(violations(mapped)).containsExactly(
                new Violation("limit", Violation.NOT_ALLOWED, "the query parameter limit is given more than once"));
    }

    @Test
    void shouldRefuseABodyThatSetsAFieldTheUrlSets() {
        DecodeResult<SpecificRecord> mapped = mapper.map(route("create-post"), Map.of(), NO_QUERY,
                json("{\"postId\": \"mine\", \"title\": \"t\", \"content\": \"c\"}"), "req-1");

        assertThat(violations(mapped)).containsExactly(new Violation("postId", Violation.NOT_ALLOWED, "is set by the URL, not the body"));
    }

    @Test
    void shouldRequireABodyOnARouteThatTakesOne() {
        DecodeResult<SpecificRecord> mapped = mapper.map(route("create-post"), Map.of(), NO_QUERY, NO_BODY, "req-1");

        assertThat(mapped).isEqualTo(new DecodeResult.Undecodable<>("a JSON object body is required",
                List.of(new Violation("", Violation.MISSING, "a JSON object body is required"))));
    }

    @Test
    void shouldRefuseABodyOnARouteThatTakesNone() {
        DecodeResult<SpecificRecord> mapped = mapper.map(route("get-post"), Map.of("id", "p-1"), NO_QUERY, json("{}"), "req-1");

        assertThat(violations(mapped)).containsExactly(new Violation("", Violation.NOT_ALLOWED, "this route takes no body"));
    }

    @Test
    void shouldRefuseJsonThatIsNotAnObject() {
        DecodeResult<SpecificRecord> mapped = mapper.map(route("create-post"), Map.of(), NO_QUERY, json("[\"title\"]"), "req-1");

        assertThat(violations(mapped)).containsExactly(new Violation("", Violation.WRONG_TYPE, "must be a JSON object"));
    }

    @Test
    void shouldPassOnWhyMalformedJsonCannotBeRead() {
        DecodeResult<SpecificRecord> mapped = mapper.map(route("create-post"), Map.of(), NO_QUERY, json("{\"title\": "), "req-1");

        assertThat(mapped).isInstanceOfSatisfying(DecodeResult.Undecodable.class,
                failure -> assertThat(failure.reason()).startsWith("malformed JSON"));
        assertThat(violations(mapped)).singleElement().satisfies(violation -> assertThat(violation.code()).isEqualTo(Violation.MALFORMED));
    }

    @Test
    void shouldReportEveryFieldTheSchemaRefuses() {
        DecodeResult<SpecificRecord> mapped = mapper.map(route("create-post"), Map.of(), NO_QUERY,
                json("{\"title\": 7, \"extra\": true}"), "req-1");

        assertThat(violations(mapped)).extracting(Violation::field).contains("title", "content", "extra");
    }

    @Test
    void shouldLetThePathParametersPatternRefuseADecodedSlash() {
        DecodeResult<SpecificRecord> mapped = mapper.map(route("get-post"), Map.of("id", "a/b"), NO_QUERY, NO_BODY, "req-1");

        assertThat(violations(mapped)).singleElement().satisfies(violation -> assertThat(violation.field()).isEqualTo("postId"));
    }

    private static Route route(String name) {
        return ROUTES.named(name).orElseThrow();
    }

    private static Function<String, List<String>> query(Map<String, List<String>> parameters) {
        return name -> parameters.getOrDefault(name, List.of());
    }

    private static byte[] json(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static SpecificRecord decoded(DecodeResult<SpecificRecord> result) {
        assertThat(result).isInstanceOf(DecodeResult.Decoded.class);
        return ((DecodeResult.Decoded<SpecificRecord>) result).message();
    }

    private static List<Violation> violations(DecodeResult<SpecificRecord> result) {
        assertThat(result).isInstanceOf(DecodeResult.Undecodable.class);
        return ((DecodeResult.Undecodable<SpecificRecord>) result).violations();
    }
}
