package dev.courier.user.command;

import dev.courier.reply.Reply;
import dev.courier.schemas.validation.Violation;
import dev.courier.service.command.Replies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a user command makes sense on its own, before any state is read, beyond what its schema
 * declares (the id and username patterns are the schema's, checked for every command on intake).
 */
final class UserRules {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final List<Violation> violations = new ArrayList<>();

    UserRules email(String value) {
        return check(value == null || EMAIL.matcher(value).matches(), "email", Violation.MALFORMED, "email is not an address");
    }

    UserRules password(String value) {
        return check(value.length() >= MIN_PASSWORD_LENGTH && !value.isBlank(), "password", Violation.TOO_SHORT,
                "password must have at least " + MIN_PASSWORD_LENGTH + " characters");
    }

    Optional<Reply> rejection() {
        return violations.isEmpty() ? Optional.empty() : Optional.of(Replies.rejected(violations));
    }

    private UserRules check(boolean holds, String field, String code, String message) {
        if (!holds) {
            violations.add(new Violation(field, code, message));
        }
        return this;
    }
}
