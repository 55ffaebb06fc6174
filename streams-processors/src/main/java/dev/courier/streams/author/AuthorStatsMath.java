package dev.courier.streams.author;

import dev.courier.model.AuthorStats;
import dev.courier.streams.internal.Times;

/** Author statistics as sums: a change is a view with deltas in it, and folding is adding. */
public final class AuthorStatsMath {

    private AuthorStatsMath() {
    }

    /** The view of an author nothing is known of: all zero, as of nothing. */
    public static AuthorStats zero(String authorId) {
        return new AuthorStats(authorId, 0L, 0L, 0L, 0L, null, 0L, null);
    }

    /** {@code total} with {@code change} added; times are the later of the two. */
    public static AuthorStats plus(AuthorStats total, AuthorStats change) {
        return new AuthorStats(change.getAuthorId(),
                total.getLivePosts() + change.getLivePosts(),
                total.getPostsCreated() + change.getPostsCreated(),
                total.getPostsUpdated() + change.getPostsUpdated(),
                total.getPostsDeleted() + change.getPostsDeleted(),
                Times.later(total.getLastPostAt(), change.getLastPostAt()),
                total.getContentLength() + change.getContentLength(),
                Times.later(total.getAsOf(), change.getAsOf()));
    }
}
