package dev.courier.blog.store;

/** Names of the Redis keys the blog service owns, all under {@value #PREFIX}. */
public final class PostKeys {

    public static final String PREFIX = "blog:";

    private PostKeys() {
    }

    /** Hash of one post. */
    public static String post(String postId) {
        return PREFIX + "post:" + postId;
    }

    /** Lexicographically sorted set of an author's posts, newest first (see {@link AuthorIndex}). */
    public static String authorPosts(String authorId) {
        return PREFIX + "author:" + authorId + ":posts";
    }
}
