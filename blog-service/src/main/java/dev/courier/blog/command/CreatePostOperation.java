package dev.courier.blog.command;

import dev.courier.blog.store.PostStore;
import dev.courier.blog.store.StoredPost;
import dev.courier.command.CreatePost;
import dev.courier.event.PostCreated;
import dev.courier.model.Post;
import dev.courier.reply.Reply;
import dev.courier.schemas.command.IncomingCommand;
import dev.courier.schemas.command.Replies;
import dev.courier.service.command.CommandOutcome;
import dev.courier.service.command.CommandRouter;
import dev.courier.service.command.Decision;
import dev.courier.service.command.Decisions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Creates a post authored by the principal; an id already taken is a conflict. */
final class CreatePostOperation implements CommandRouter.Operation<CreatePost> {

    private final Clock clock;

    CreatePostOperation(Clock clock) {
        this.clock = clock;
    }

    @Override
    public CompletionStage<Decision> decide(IncomingCommand command, CreatePost create) {
        Optional<Reply> refused = new PostRules()
                .id("postId", create.getPostId())
                .notBlank("title", create.getTitle())
                .notBlank("content", create.getContent())
                .rejection()
                .or(() -> PostRules.requirePrincipal(command));
        if (refused.isPresent()) {
            return Decisions.answer(refused.get());
        }
        // No read first: the write requires the post to be absent, and answers the conflict itself
        // when it is not (one Redis round trip instead of two).
        return CompletableFuture.completedFuture(created(command, create));
    }

    private Decision created(IncomingCommand command, CreatePost create) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Post post = Post.newBuilder()
                .setPostId(create.getPostId())
                .setAuthorId(command.principal().orElseThrow())
                .setTitle(create.getTitle())
                .setContent(create.getContent())
                .setCreatedAt(now)
                .setUpdatedAt(now)
                .build();
        PostCreated event = new PostCreated(post.getPostId(), post.getAuthorId(), post.getTitle(), post.getContent(), now);
        return Decisions.changeOrElse(PostStore.create(new StoredPost(post, 1)),
                CommandOutcome.of(Replies.ok(post), new CommandOutcome.Event(post.getPostId(), event)),
                Replies.conflict("post " + create.getPostId() + " already exists", List.of()));
    }
}
