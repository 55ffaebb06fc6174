package dev.courier.blog.command;

import dev.courier.blog.store.PostStore;
import dev.courier.blog.store.StoredPost;
import dev.courier.command.ListPostsByAuthor;
import dev.courier.model.PostPage;
import dev.courier.schemas.command.IncomingCommand;
import dev.courier.schemas.command.Replies;
import dev.courier.schemas.validation.Violation;
import dev.courier.service.command.CommandRouter;
import dev.courier.service.command.Decision;
import dev.courier.service.command.Decisions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/** One page of an author's posts, newest first; the schema bounds the page size to 1..100. */
final class ListPostsByAuthorOperation implements CommandRouter.Operation<ListPostsByAuthor> {

    private final PostStore store;

    ListPostsByAuthorOperation(PostStore store) {
        this.store = store;
    }

    @Override
    public CompletionStage<Decision> decide(IncomingCommand command, ListPostsByAuthor list) {
        Optional<String> after = Optional.ofNullable(list.getCursor()).flatMap(PostCursor::decode);
        if (list.getCursor() != null && after.isEmpty()) {
            return Decisions.answer(Replies.rejected(List.of(
                    new Violation("cursor", Violation.MALFORMED, "cursor must be a nextCursor from an earlier page"))));
        }
        return store.page(list.getAuthorId(), after.orElse(null), list.getLimit()).thenApply(page -> new Decision.Answer(
                Replies.ok(new PostPage(page.posts().stream().map(StoredPost::post).toList(),
                        page.continueAfter().map(PostCursor::encode).orElse(null)))));
    }
}
