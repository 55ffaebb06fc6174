package dev.courier.user.command;

import dev.courier.schemas.command.Replies;
import dev.courier.service.command.Decision;
import dev.courier.user.store.StoredUser;
import java.util.Optional;

/** The answer to a user look-up: the public user, never the password hash. */
final class UserAnswers {

    private UserAnswers() {
    }

    static Decision found(Optional<StoredUser> user, String what) {
        return new Decision.Answer(user
                .map(StoredUser::user)
                .map(Replies::ok)
                .orElseGet(() -> Replies.notFound(what + " does not exist")));
    }
}
