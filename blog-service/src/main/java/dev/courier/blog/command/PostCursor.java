package dev.courier.blog.command;

import dev.courier.blog.store.AuthorIndex;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/** The opaque cursor of a listing: the author-index member to continue after, base64url-encoded. */
final class PostCursor {

    private PostCursor() {
    }

    static String encode(String member) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(member.getBytes(StandardCharsets.UTF_8));
    }

    /** The member, or empty when the text is not a cursor this service gave out. */
    static Optional<String> decode(String cursor) {
        try {
            String member = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            return AuthorIndex.isMember(member) ? Optional.of(member) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
