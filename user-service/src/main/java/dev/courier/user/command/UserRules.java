package dev.courier.user.command;

import dev.courier.reply.Reply;
import dev.courier.schemas.validation.Violation;
import dev.courier.service.command.Replies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a user command makes sense on its own, before any state is read. */
final class UserRules {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");
    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._-]{3,32}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    static final int MIN_PASSWORD_LENGTH = 8;

    private final List<Violation> violations = new ArrayList<>();

    UserRules userId(String value) {
        return check(ID.matcher(value).matches(), "userId", Violation.MALFORMED,
                "userId may only contain letters, digits and . _ ~ -");
    }

    UserRules username(String value) {
        return check(USERNAME.matcher(value).matches(), "username", Violation.MALFORMED,
                "username must be 3 to 32 letters, digits, dots, dashes or underscores");
    }

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
