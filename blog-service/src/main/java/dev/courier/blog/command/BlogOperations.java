package dev.courier.blog.command;

import dev.courier.blog.store.PostStore;
import dev.courier.command.CreatePost;
import dev.courier.command.DeletePost;
import dev.courier.command.GetPost;
import dev.courier.command.ListPostsByAuthor;
import dev.courier.command.UpdatePost;
import dev.courier.service.command.CommandHandler;
import dev.courier.service.command.CommandRouter;
import java.time.Clock;

/** Every blog command and the operation that decides it. */
public final class BlogOperations {

    private BlogOperations() {
    }

    public static CommandHandler handler(PostStore store, Clock clock) {
        return CommandRouter.builder()
                .on(CreatePost.class, new CreatePostOperation(clock))
                .on(GetPost.class, new GetPostOperation(store))
                .on(ListPostsByAuthor.class, new ListPostsByAuthorOperation(store))
                .on(UpdatePost.class, new UpdatePostOperation(store, clock))
                .on(DeletePost.class, new DeletePostOperation(store, clock))
                .build();
    }
}
