package dev.courier.blog.store;

import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Members of an author's post index: {@code <19-digit Long.MAX_VALUE - createdAt millis>:<postId>},
 * all with score 0, so {@code ZRANGEBYLEX} walks them newest first with ties broken by post id, and
 * a page can start right after any member — the cursor — however posts come and go.
 */
public final class AuthorIndex {

    private static final Pattern MEMBER = Pattern.compile("\\d{19}:[A-Za-z0-9._~-]{1,64}");

    private AuthorIndex() {
    }

    public static String member(Instant createdAt, String postId) {
        return String.format("%019d:%s", Long.MAX_VALUE - createdAt.toEpochMilli(), postId);
    }

    public static String postId(String member) {
        return member.substring(member.indexOf(':') + 1);
    }

    public static boolean isMember(String candidate) {
        return MEMBER.matcher(candidate).matches();
    }
}
