package dev.courier.blog.command;

import dev.courier.blog.store.PostStore;
import dev.courier.blog.store.StoredPost;
import dev.courier.command.UpdatePost;
import dev.courier.event.PostUpdated;
import dev.courier.model.Post;
import dev.courier.reply.Reply;
import dev.courier.schemas.command.IncomingCommand;
import dev.courier.schemas.command.Replies;
import dev.courier.schemas.validation.Violation;
import dev.courier.service.command.CommandOutcome;
import dev.courier.service.command.CommandRouter;
import dev.courier.service.command.Decision;
import dev.courier.service.command.Decisions;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Changes a post's title and/or content; only its author may. */
final class UpdatePostOperation implements CommandRouter.Operation<UpdatePost> {

    private final PostStore store;
    private final Clock clock;

    UpdatePostOperation(PostStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Decision> decide(IncomingCommand command, UpdatePost update) {
        PostRules rules = new PostRules()
                .id("postId", update.getPostId())
                .notBlank("title", update.getTitle())
                .notBlank("content", update.getContent());
        if (update.getTitle() == null && update.getContent() == null) {
            rules.add(new Violation("", Violation.MISSING, "give a title, a content or both to change"));
        }
        Optional<Reply> refused = rules.rejection().or(() -> PostRules.requirePrincipal(command));
        if (refused.isPresent()) {
            return Decisions.answer(refused.get());
        }
        return store.find(update.getPostId()).thenApply(found -> {
            if (found.isEmpty()) {
                return Decisions.change(PostStore.whileAbsent(update.getPostId()),
                        CommandOutcome.replyOnly(Replies.notFound("post " + update.getPostId() + " does not exist")));
            }
            return PostRules.requireAuthor(command, found.get().post().getAuthorId())
                    .<Decision>map(Decisions::settle)
                    .orElseGet(() -> updated(found.get(), update));
        });
    }

    private Decision updated(StoredPost current, UpdatePost update) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Post post = Post.newBuilder(current.post())
                .setTitle(update.getTitle() != null ? update.getTitle() : current.post().getTitle())
                .setContent(update.getContent() != null ? update.getContent() : current.post().getContent())
                .setUpdatedAt(now)
                .build();
        PostUpdated event = new PostUpdated(post.getPostId(), post.getAuthorId(), post.getTitle(), post.getContent(), now);
        return Decisions.change(PostStore.update(current, new StoredPost(post, current.version() + 1)),
                CommandOutcome.of(Replies.ok(post), new CommandOutcome.Event(post.getPostId(), event)));
    }
}
