package dev.courier.blog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.courier.blog.store.PostKeys;
import dev.courier.command.CreatePost;
import dev.courier.command.DeletePost;
import dev.courier.command.GetPost;
import dev.courier.command.ListPostsByAuthor;
import dev.courier.command.UpdatePost;
import dev.courier.event.PostCreated;
import dev.courier.event.PostDeleted;
import dev.courier.event.PostUpdated;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.model.Post;
import dev.courier.model.PostPage;
import dev.courier.reply.FieldError;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.service.ServiceRuntime;
import dev.courier.service.testing.CommandClient;
import dev.courier.service.testing.ServiceFixture;
import dev.courier.service.testing.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlogCommandsIT {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30.123Z");
    private static final SingleObjectCodec<SpecificRecord> EVENTS = new SingleObjectCodec<>(Messages.BLOG_EVENTS, SchemaCatalog.released());

    private KafkaEndpoint kafka;
    private ServiceFixture fixture;
    private ServiceRuntime service;
    private CommandClient client;
    private RedissonClient redis;

    @BeforeAll
    void startService(KafkaEndpoint kafka, RedisEndpoint redisEndpoint) {
        this.kafka = kafka;
        fixture = ServiceFixture.start(BlogService.definition(Clock.fixed(NOW, ZoneOffset.UTC)), kafka, redisEndpoint, Map.of());
        service = fixture.service();
        client = fixture.client();
        redis = fixture.redis();
    }

    @AfterAll
    void stopService() {
        fixture.close();
    }

    @Test
    void shouldCreatePostAsHashAndAuthorIndexEntryAndEmitPostCreated() {
        String postId = newId();

        Reply reply = client.awaitReply(client.send(postId, new CreatePost(postId, "Hello", "First post"), "alice"));

        assertThat(reply.getOutcome()).isEqualTo(Outcome.OK);
        Post post = (Post) reply.getPayload();
        assertThat(post.getAuthorId()).isEqualTo("alice");
        assertThat(post.getCreatedAt()).isEqualTo(NOW);
        assertThat(redis.<String, String>getMap(PostKeys.post(postId), StringCodec.INSTANCE).readAllMap())
                .containsEntry("title", "Hello").containsEntry("content", "First post")
                .containsEntry("authorId", "alice").containsEntry("version", "1");
        assertThat(redis.getLexSortedSet(PostKeys.authorPosts("alice")).readAll()).anyMatch(member -> member.endsWith(":" + postId));
        assertThat(eventsFor(postId)).singleElement().isInstanceOfSatisfying(PostCreated.class,
                created -> assertThat(created.getTitle()).isEqualTo("Hello"));
    }

    @Test
    void shouldRejectBlankTitleAndTooLongContentWithFieldErrorsAndStoreNothing() {
        String postId = newId();

        Reply reply = client.awaitReply(client.send(postId, new CreatePost(postId, "   ", "x".repeat(20_001)), "alice"));

        assertThat(reply.getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(reply.getProblem().getFieldErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactlyInAnyOrder(tuple("content", "too_long"));
        Reply blank = client.awaitReply(client.send(postId, new CreatePost(postId, "   ", "text"), "alice"));
        assertThat(blank.getProblem().getFieldErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactly(tuple("title", "blank"));
        assertThat(redis.getMap(PostKeys.post(postId), StringCodec.INSTANCE).isExists()).isFalse();
    }

    @Test
    void shouldAnswerConflictWhenPostIdIsTaken() {
        String postId = createPost("alice", "One");

        Reply reply = client.awaitReply(client.send(postId, new CreatePost(postId, "Two", "again"), "bob"));

        assertThat(reply.getOutcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(redis.<String, String>getMap(PostKeys.post(postId), StringCodec.INSTANCE).get("title")).isEqualTo("One");
    }

    @Test
    void shouldGetPostOrAnswerNotFound() {
        String postId = createPost("alice", "Readable");

        Reply found = client.awaitReply(client.send(postId, new GetPost(postId), null));
        Reply missing = client.awaitReply(client.send("nope", new GetPost("no-such-post"), null));

        assertThat(((Post) found.getPayload()).getTitle()).isEqualTo("Readable");
        assertThat(missing.getOutcome()).isEqualTo(Outcome.NOT_FOUND);
    }

    @Test
    void shouldListAuthorsPostsNewestFirstAcrossPagesWithoutGapsOrRepeats() {
        String author = "author-" + newId();
        List<String> created = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            created.add(createPost(author, "post " + i));
        }

        List<String> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            Reply reply = client.awaitReply(client.send(author, new ListPostsByAuthor(author, cursor, 2), null));
            PostPage page = (PostPage) reply.getPayload();
            page.getPosts().forEach(post -> listed.add(post.getPostId()));
            cursor = page.getNextCursor();
            pages++;
        } while (cursor != null);

        // The fixed clock gives every post the same time; ties go by post id, the order stays total.
        assertThat(listed).containsExactlyElementsOf(created.stream().sorted().toList());
        assertThat(pages).isEqualTo(3);
    }

    @Test
    void shouldRejectCursorItNeverGaveOut() {
        Reply reply = client.awaitReply(client.send("a", new ListPostsByAuthor("a", "not-a-cursor", 10), null));

        assertThat(reply.getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(reply.getProblem().getFieldErrors()).extracting(FieldError::getField).containsExactly("cursor");
    }

    @Test
    void shouldRejectPageSizeOutsideBounds() {
        Reply reply = client.awaitReply(client.send("a", new ListPostsByAuthor("a", null, 101), null));

        assertThat(reply.getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(reply.getProblem().getFieldErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactly(tuple("limit", "too_large"));
    }

    @Test
    void shouldUpdateOnlyGivenFieldsBumpVersionAndEmitPostUpdated() {
        String postId = createPost("alice", "Before");

        Reply reply = client.awaitReply(client.send(postId, new UpdatePost(postId, "After", null), "alice"));

        assertThat(reply.getOutcome()).isEqualTo(Outcome.OK);
        assertThat(redis.<String, String>getMap(PostKeys.post(postId), StringCodec.INSTANCE).readAllMap())
                .containsEntry("title", "After").containsEntry("content", "content of Before").containsEntry("version", "2");
        assertThat(eventsFor(postId)).hasSize(2).last().isInstanceOf(PostUpdated.class);
    }

    @Test
    void shouldForbidUpdateAndDeleteByAnyoneButTheAuthor() {
        String postId = createPost("alice", "Mine");

        Reply update = client.awaitReply(client.send(postId, new UpdatePost(postId, "Yours", null), "mallory"));
        Reply delete = client.awaitReply(client.send(postId, new DeletePost(postId), "mallory"));
        Reply anonymous = client.awaitReply(client.send(postId, new DeletePost(postId), null));

        assertThat(List.of(update, delete, anonymous)).extracting(Reply::getOutcome).containsOnly(Outcome.FORBIDDEN);
        assertThat(redis.<String, String>getMap(PostKeys.post(postId), StringCodec.INSTANCE).readAllMap())
                .containsEntry("title", "Mine").containsEntry("version", "1");
    }

    @Test
    void shouldAnswerNotFoundToUpdateAndDeleteOfMissingPost() {
        String postId = newId();

        Reply update = client.awaitReply(client.send(postId, new UpdatePost(postId, "x", null), "alice"));
        Reply delete = client.awaitReply(client.send(postId, new DeletePost(postId), "alice"));

        assertThat(List.of(update, delete)).extracting(Reply::getOutcome).containsOnly(Outcome.NOT_FOUND);
    }

    @Test
    void shouldRejectUpdateThatChangesNothing() {
        String postId = createPost("alice", "Same");

        Reply reply = client.awaitReply(client.send(postId, new UpdatePost(postId, null, null), "alice"));

        assertThat(reply.getOutcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void shouldDeletePostAndIndexEntryAndEmitPostDeleted() {
        String postId = createPost("alice", "Short-lived");

        Reply reply = client.awaitReply(client.send(postId, new DeletePost(postId), "alice"));

        assertThat(reply.getOutcome()).isEqualTo(Outcome.OK);
        assertThat(redis.getMap(PostKeys.post(postId), StringCodec.INSTANCE).isExists()).isFalse();
        assertThat(redis.getLexSortedSet(PostKeys.authorPosts("alice")).readAll()).noneMatch(member -> member.endsWith(":" + postId));
        assertThat(eventsFor(postId)).hasSize(2).last().isInstanceOf(PostDeleted.class);
    }

    @Test
    void shouldEmitEventsButNoReplyForCommandWithoutReplyTo() {
        String postId = newId();
        String requestId = UUID.randomUUID().toString();
        var headers = client.headers(requestId, "alice");
        headers.remove(CourierHeaders.REPLY_TO);

        client.sendWithHeaders(postId, new CreatePost(postId, "Fire and forget", "body"), headers);
        // A later command on the same key is handled after it, so its reply marks that the first is done.
        client.awaitReply(client.send(postId, new GetPost(postId), null));

        assertThat(eventsFor(postId)).singleElement().isInstanceOf(PostCreated.class);
        assertThat(client.rawReplies(requestId)).isEmpty();
    }

    private String createPost(String author, String title) {
        String postId = newId();
        Reply reply = client.awaitReply(client.send(postId, new CreatePost(postId, title, "content of " + title), author));
        assertThat(reply.getOutcome()).isEqualTo(Outcome.OK);
        return postId;
    }

    private List<SpecificRecord> eventsFor(String postId) {
        List<SpecificRecord> events = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : TopicRecords.awaitAtLeast(kafka, service.config().eventTopic(), 1)) {
            if (postId.equals(new String(record.key(), StandardCharsets.UTF_8))) {
                events.add(((DecodeResult.Decoded<SpecificRecord>) EVENTS.decode(record.value())).message());
            }
        }
        return events;
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }
}
