package dev.courier.user.store;

import dev.courier.model.User;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A user as kept in its Redis hash: the public user and the Argon2id hash of the password. The
 * hash never leaves the service.
 */
public record StoredUser(User user, String passwordHash) {

    static final String USER_ID = "userId";
    private static final String USERNAME = "username";
    private static final String EMAIL = "email";
    private static final String PASSWORD_HASH = "passwordHash";
    private static final String CREATED_AT = "createdAt";

    public static StoredUser fromHash(Map<String, String> hash) {
        User user = User.newBuilder()
                .setUserId(hash.get(USER_ID))
                .setUsername(hash.get(USERNAME))
                .setEmail(hash.get(EMAIL))
                .setCreatedAt(Instant.ofEpochMilli(Long.parseLong(hash.get(CREATED_AT))))
                .build();
        return new StoredUser(user, hash.get(PASSWORD_HASH));
    }

    public Map<String, String> toHash() {
        Map<String, String> hash = new LinkedHashMap<>();
        hash.put(USER_ID, user.getUserId());
        hash.put(USERNAME, user.getUsername());
        if (user.getEmail() != null) {
            hash.put(EMAIL, user.getEmail());
        }
        hash.put(PASSWORD_HASH, passwordHash);
        hash.put(CREATED_AT, Long.toString(user.getCreatedAt().toEpochMilli()));
        return hash;
    }

    @Override
    public String toString() {
        return "StoredUser[userId=" + user.getUserId() + "]";
    }
}
