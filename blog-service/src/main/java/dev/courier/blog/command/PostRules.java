package dev.courier.blog.command;

import dev.courier.reply.Reply;
import dev.courier.schemas.command.IncomingCommand;
import dev.courier.schemas.command.Replies;
import dev.courier.schemas.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Checks a blog command makes sense on its own, before any state is read. */
final class PostRules {

    /** Ids appear in URLs and Redis keys: URL-safe characters only. */
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._~-]{1,64}");

    private final List<Violation> violations = new ArrayList<>();

    PostRules id(String field, String value) {
        if (!ID.matcher(value).matches()) {
            violations.add(new Violation(field, Violation.MALFORMED, field + " may only contain letters, digits and . _ ~ -"));
        }
        return this;
    }

    /** A present value must have some non-space text; null means "not given" and passes. */
    PostRules notBlank(String field, String value) {
        if (value != null && value.isBlank()) {
            violations.add(new Violation(field, Violation.BLANK, field + " must not be blank"));
        }
        return this;
    }

    PostRules add(Violation violation) {
        violations.add(violation);
        return this;
    }

    /** The rejected reply, if any rule was broken. */
    Optional<Reply> rejection() {
        return violations.isEmpty() ? Optional.empty() : Optional.of(Replies.rejected(violations));
    }

    /** Forbidden unless the command names the principal it acts for. */
    static Optional<Reply> requirePrincipal(IncomingCommand command) {
        return command.principal().filter(principal -> !principal.isBlank()).isPresent()
                ? Optional.empty()
                : Optional.of(Replies.forbidden("the command names no principal to act for"));
    }

    /** Forbidden unless the principal wrote the post. */
    static Optional<Reply> requireAuthor(IncomingCommand command, String authorId) {
        return command.principal().filter(authorId::equals).isPresent()
                ? Optional.empty()
                : Optional.of(Replies.forbidden("only the post's author may change or delete it"));
    }
}
