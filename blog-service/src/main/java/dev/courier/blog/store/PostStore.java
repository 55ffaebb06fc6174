package dev.courier.blog.store;

import dev.courier.service.store.AtomicWrite;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Reads posts from Redis and plans the atomic writes that change them. Writes nothing itself. */
public final class PostStore {

    private final RedissonClient redis;

    public PostStore(RedissonClient redis) {
        this.redis = redis;
    }

    public CompletionStage<Optional<StoredPost>> find(String postId) {
        return redis.<String, String>getMap(PostKeys.post(postId), StringCodec.INSTANCE).readAllMapAsync()
                .thenApply(hash -> hash.isEmpty() ? Optional.empty() : Optional.of(StoredPost.fromHash(hash)));
    }

    /**
     * Up to {@code limit} of an author's posts, newest first, after the index member {@code after}
     * (null: from the newest), plus whether more follow.
     */
    public CompletionStage<Page> page(String authorId, String after, int limit) {
        var index = redis.getLexSortedSet(PostKeys.authorPosts(authorId));
        CompletionStage<Collection<String>> members = after == null
                ? index.rangeAsync(0, limit)
                : index.rangeTailAsync(after, false, 0, limit + 1);
        return members.thenCompose(found -> {
            List<String> page = found.stream().limit(limit).toList();
            List<CompletableFuture<Optional<StoredPost>>> posts = new ArrayList<>(page.size());
            page.forEach(member -> posts.add(find(AuthorIndex.postId(member)).toCompletableFuture()));
            return CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).thenApply(done -> new Page(
                    posts.stream().map(CompletableFuture::join).flatMap(Optional::stream).toList(),
                    found.size() > limit && !page.isEmpty() ? Optional.of(page.get(page.size() - 1)) : Optional.empty()));
        });
    }

    /** Creates the post, if no post has its id yet. */
    public static AtomicWrite create(StoredPost post) {
        String key = PostKeys.post(post.post().getPostId());
        return AtomicWrite.builder()
                .requireAbsent(key, StoredPost.VERSION)
                .hset(key, post.toHash())
                .zadd(PostKeys.authorPosts(post.post().getAuthorId()), 0, post.indexMember())
                .build();
    }

    /** Replaces the post with {@code updated}, if it is still at {@code current}'s version. */
    public static AtomicWrite update(StoredPost current, StoredPost updated) {
        String key = PostKeys.post(current.post().getPostId());
        return AtomicWrite.builder()
                .require(key, StoredPost.VERSION, current.versionText())
                .hset(key, updated.toHash())
                .build();
    }

    /** Deletes the post and its index entry, if it is still at {@code current}'s version. */
    public static AtomicWrite delete(StoredPost current) {
        String key = PostKeys.post(current.post().getPostId());
        return AtomicWrite.builder()
                .require(key, StoredPost.VERSION, current.versionText())
                .del(key)
                .zrem(PostKeys.authorPosts(current.post().getAuthorId()), current.indexMember())
                .build();
    }

    /** Answers stored for as long as the post does not exist: a later create must not change them. */
    public static AtomicWrite whileAbsent(String postId) {
        return AtomicWrite.builder().requireAbsent(PostKeys.post(postId), StoredPost.VERSION).build();
    }

    /** Posts of one page, and the index member to continue after if more follow. */
    public record Page(List<StoredPost> posts, Optional<String> continueAfter) {
    }

}
