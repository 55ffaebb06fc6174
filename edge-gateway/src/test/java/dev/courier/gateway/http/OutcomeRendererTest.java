package dev.courier.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.route.Route;
import dev.courier.gateway.route.RouteFile;
import dev.courier.model.Post;
import dev.courier.reply.FieldError;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.validation.Violation;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OutcomeRendererTest {

    private static final Route CREATE_POST = RouteFile.load(Optional.empty()).named("create-post").orElseThrow();
    private static final Route GET_POST = RouteFile.load(Optional.empty()).named("get-post").orElseThrow();
    private static final SingleObjectCodec<Reply> REPLIES = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released());

    private final OutcomeRenderer renderer = new OutcomeRenderer();

    @Test
    void shouldAnswerACreationWithItsStatusAndTheLocationOfTheNewResource() {
        OutcomeRenderer.Rendered rendered = renderer.render(ok(post("p-1", "Hello")), Optional.of(CREATE_POST));

        assertThat(rendered.status()).isEqualTo(201);
        assertThat(rendered.location()).contains("/posts/p-1");
        assertThat(rendered.body().get("postId").asText()).isEqualTo("p-1");
        assertThat(rendered.body().get("title").asText()).isEqualTo("Hello");
        assertThat(rendered.problem()).isEmpty();
    }

    @Test
    void shouldPercentEncodeTheLocationAsAPathSoASpaceIsNeverAPlus() {
        Route byTitle = RouteFile.parse("""
                routes:
                  - name: create-post
                    method: POST
                    path: /posts
                    command: CreatePost
                    topic: courier.blog.commands
                    key: postId
                    timeout: 5s
                    fields: {postId: request-id}
                    body: true
                    success: {status: 201, location: "/posts/{title}"}
                """.getBytes(StandardCharsets.UTF_8), "test").named("create-post").orElseThrow();

        OutcomeRenderer.Rendered rendered = renderer.render(ok(post("p-1", "a b+c/d?")), Optional.of(byTitle));

        // A '+' in a path is a plus, not a space (RFC 3986); the gateway's own path decoding reads it so.
        assertThat(rendered.location()).contains("/posts/a%20b%2Bc%2Fd%3F");
    }

    @Test
    void shouldAnswerAReadWith200AndNoLocation() {
        OutcomeRenderer.Rendered rendered = renderer.render(ok(post("p-1", "Hello")), Optional.of(GET_POST));

        assertThat(rendered.status()).isEqualTo(200);
        assertThat(rendered.location()).isEmpty();
    }

    @Test
    void shouldAnswer200WhenTheRouteIsNoLongerKnown() {
        OutcomeRenderer.Rendered rendered = renderer.render(ok(post("p-1", "Hello")), Optional.empty());

        assertThat(rendered.status()).isEqualTo(200);
        assertThat(rendered.location()).isEmpty();
        assertThat(rendered.body()).isNotNull();
    }

    @Test
    void shouldAnswer204WithoutABodyWhenTheReplyCarriesNoPayload() {
        OutcomeRenderer.Rendered rendered = renderer.render(encode(Reply.newBuilder().setOutcome(Outcome.OK).build()), Optional.of(CREATE_POST));

        assertThat(rendered.status()).isEqualTo(204);
        assertThat(rendered.body()).isNull();
        assertThat(rendered.location()).as("nothing was created to point at").isEmpty();
    }

    @Test
    void shouldCarryTheServicesProblemAndFieldErrorsOnARejection() {
        Reply rejected = Reply.newBuilder().setOutcome(Outcome.REJECTED).setProblem(dev.courier.reply.Problem.newBuilder()
                .setType("urn:courier:problem:invalid-post").setTitle("The post is not valid").setDetail("1 field error")
                .setFieldErrors(List.of(new FieldError("title", "blank", "must not be blank"))).build()).build();

        OutcomeRenderer.Rendered rendered = renderer.render(encode(rejected), Optional.of(CREATE_POST));

        assertThat(rendered.status()).isEqualTo(422);
        assertThat(rendered.problem()).contains(new Problem(422, "urn:courier:problem:invalid-post", "The post is not valid", "1 field error",
                List.of(new Violation("title", "blank", "must not be blank"))));
        assertThat(rendered.body()).isNull();
    }

    @ParameterizedTest
    @CsvSource({"NOT_FOUND, 404, not-found", "CONFLICT, 409, conflict", "FORBIDDEN, 403, forbidden", "ERROR, 502, error",
        "REJECTED, 422, rejected"})
    void shouldMapEachFailedOutcomeToItsStatusEvenWithoutAProblem(Outcome outcome, int status, String type) {
        OutcomeRenderer.Rendered rendered = renderer.render(encode(Reply.newBuilder().setOutcome(outcome).build()), Optional.of(GET_POST));

        assertThat(rendered.status()).isEqualTo(status);
        assertThat(rendered.problem()).hasValueSatisfying(problem -> {
            assertThat(problem.status()).isEqualTo(status);
            assertThat(problem.type()).isEqualTo("urn:courier:problem:" + type);
            assertThat(problem.title()).isEqualTo(outcome.name());
        });
    }

    @Test
    void shouldAnswer502WhenTheReplyCannotBeRead() {
        OutcomeRenderer.Rendered rendered = renderer.render(new byte[] {1, 2, 3}, Optional.of(GET_POST));

        assertThat(rendered.status()).isEqualTo(502);
        assertThat(rendered.problem()).hasValueSatisfying(problem -> assertThat(problem.type()).isEqualTo("urn:courier:problem:bad-reply"));
    }

    private static Post post(String id, String title) {
        return new Post(id, "alice", title, "content", Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"));
    }

    private static byte[] ok(Post payload) {
        return encode(Reply.newBuilder().setOutcome(Outcome.OK).setPayload(payload).build());
    }

    private static byte[] encode(Reply reply) {
        return REPLIES.encode(reply);
    }
}
