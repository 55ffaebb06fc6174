package dev.courier.blog.store;

import dev.courier.model.Post;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A post as kept in its Redis hash, with the version every change bumps: a write applies only if
 * the version is still the one it was decided on.
 */
public record StoredPost(Post post, long version) {

    private static final String POST_ID = "postId";
    private static final String AUTHOR_ID = "authorId";
    private static final String TITLE = "title";
    private static final String CONTENT = "content";
    private static final String CREATED_AT = "createdAt";
    private static final String UPDATED_AT = "updatedAt";
    /** The field a write's condition checks. */
    public static final String VERSION = "version";

    public static StoredPost fromHash(Map<String, String> hash) {
        Post post = Post.newBuilder()
                .setPostId(hash.get(POST_ID))
                .setAuthorId(hash.get(AUTHOR_ID))
                .setTitle(hash.get(TITLE))
                .setContent(hash.get(CONTENT))
                .setCreatedAt(Instant.ofEpochMilli(Long.parseLong(hash.get(CREATED_AT))))
                .setUpdatedAt(Instant.ofEpochMilli(Long.parseLong(hash.get(UPDATED_AT))))
                .build();
        return new StoredPost(post, Long.parseLong(hash.get(VERSION)));
    }

    /** Every field, as the hash holds it. */
    public Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(POST_ID, post.getPostId());
        hash.put(AUTHOR_ID, post.getAuthorId());
        hash.put(TITLE, post.getTitle());
        hash.put(CONTENT, post.getContent());
        hash.put(CREATED_AT, Long.toString(post.getCreatedAt().toEpochMilli()));
        hash.put(UPDATED_AT, Long.toString(post.getUpdatedAt().toEpochMilli()));
        hash.put(VERSION, Long.toString(version));
        return hash;
    }

    public String versionText() {
        return Long.toString(version);
    }

    /** The author-index member of this post. */
    public String indexMember() {
        return AuthorIndex.member(post.getCreatedAt(), post.getPostId());
    }
}
