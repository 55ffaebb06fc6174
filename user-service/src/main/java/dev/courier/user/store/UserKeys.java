package dev.courier.user.store;

import java.util.Locale;

/** Names of the Redis keys the user service owns, all under {@value #PREFIX}. */
public final class UserKeys {

    public static final String PREFIX = "user:";

    private UserKeys() {
    }

    /** Hash of one user. */
    public static String user(String userId) {
        return PREFIX + "user:" + userId;
    }

    /** Hash naming the user that holds a username; one per username in lower case. */
    public static String username(String username) {
        return PREFIX + "username:" + username.toLowerCase(Locale.ROOT);
    }
}
