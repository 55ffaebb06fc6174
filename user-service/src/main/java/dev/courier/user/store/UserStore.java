package dev.courier.user.store;

import dev.courier.service.store.AtomicWrite;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

/** Reads users from Redis and plans the atomic write that registers one. Writes nothing itself. */
public final class UserStore {

    private final RedissonClient redis;

    public UserStore(RedissonClient redis) {
        this.redis = redis;
    }

    public CompletionStage<Optional<StoredUser>> find(String userId) {
        return hash(UserKeys.user(userId)).thenApply(hash -> hash.isEmpty() ? Optional.empty() : Optional.of(StoredUser.fromHash(hash)));
    }

    /** The id of the user holding this username, in any letter case. */
    public CompletionStage<Optional<String>> userIdOf(String username) {
        return hash(UserKeys.username(username)).thenApply(hash -> Optional.ofNullable(hash.get(StoredUser.USER_ID)));
    }

    public CompletionStage<Optional<StoredUser>> findByUsername(String username) {
        return userIdOf(username).thenCompose(userId -> userId.isPresent()
                ? find(userId.get())
                : CompletableFuture.completedFuture(Optional.empty()));
    }

    /**
     * Registers the user, if neither its id nor its username (case-insensitively) is taken by then:
     * two instances racing for one username cannot both win.
     */
    public static AtomicWrite register(StoredUser user) {
        String userKey = UserKeys.user(user.user().getUserId());
        String usernameKey = UserKeys.username(user.user().getUsername());
        return AtomicWrite.builder()
                .requireAbsent(userKey, StoredUser.USER_ID)
                .requireAbsent(usernameKey, StoredUser.USER_ID)
                .hset(userKey, user.toHash())
                .hset(usernameKey, Map.of(StoredUser.USER_ID, user.user().getUserId()))
                .build();
    }

    private CompletionStage<Map<String, String>> hash(String key) {
        return redis.<String, String>getMap(key, StringCodec.INSTANCE).readAllMapAsync();
    }
}
