package dev.courier.blog.command;

import dev.courier.blog.store.PostStore;
import dev.courier.blog.store.StoredPost;
import dev.courier.command.GetPost;
import dev.courier.schemas.command.IncomingCommand;
import dev.courier.schemas.command.Replies;
import dev.courier.service.command.CommandRouter;
import dev.courier.service.command.Decision;
import java.util.concurrent.CompletionStage;

/** Reads one post. */
final class GetPostOperation implements CommandRouter.Operation<GetPost> {

    private final PostStore store;

    GetPostOperation(PostStore store) {
        this.store = store;
    }

    @Override
    public CompletionStage<Decision> decide(IncomingCommand command, GetPost get) {
        return store.find(get.getPostId()).thenApply(found -> new Decision.Answer(found
                .map(StoredPost::post)
                .map(Replies::ok)
                .orElseGet(() -> Replies.notFound("post " + get.getPostId() + " does not exist"))));
    }

}
