package dev.courier.blog.command;

import dev.courier.blog.store.PostStore;
import dev.courier.blog.store.StoredPost;
import dev.courier.command.DeletePost;
import dev.courier.event.PostDeleted;
import dev.courier.reply.Reply;
import dev.courier.schemas.command.IncomingCommand;
import dev.courier.schemas.command.Replies;
import dev.courier.service.command.CommandOutcome;
import dev.courier.service.command.CommandRouter;
import dev.courier.service.command.Decision;
import dev.courier.service.command.Decisions;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** Deletes a post; only its author may. */
final class DeletePostOperation implements CommandRouter.Operation<DeletePost> {

    private final PostStore store;
    private final Clock clock;

    DeletePostOperation(PostStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Decision> decide(IncomingCommand command, DeletePost delete) {
        Optional<Reply> refused = new PostRules().id("postId", delete.getPostId()).rejection()
                .or(() -> PostRules.requirePrincipal(command));
        if (refused.isPresent()) {
            return Decisions.answer(refused.get());
        }
        return store.find(delete.getPostId()).thenApply(found -> {
            if (found.isEmpty()) {
                return Decisions.change(PostStore.whileAbsent(delete.getPostId()),
                        CommandOutcome.replyOnly(Replies.notFound("post " + delete.getPostId() + " does not exist")));
            }
            return PostRules.requireAuthor(command, found.get().post().getAuthorId())
                    .<Decision>map(Decisions::settle)
                    .orElseGet(() -> deleted(found.get()));
        });
    }

    private Decision deleted(StoredPost current) {
        PostDeleted event = new PostDeleted(current.post().getPostId(), current.post().getAuthorId(),
                clock.instant().truncatedTo(ChronoUnit.MILLIS));
        return Decisions.change(PostStore.delete(current),
                CommandOutcome.of(Replies.ok(null), new CommandOutcome.Event(current.post().getPostId(), event)));
    }
}
