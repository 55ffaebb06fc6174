package dev.courier.user.command;

import dev.courier.command.GetUserByUsername;
import dev.courier.schemas.command.IncomingCommand;
import dev.courier.service.command.CommandRouter;
import dev.courier.service.command.Decision;
import dev.courier.user.store.UserStore;
import java.util.concurrent.CompletionStage;

/** Reads one user by username, in any letter case. */
final class GetUserByUsernameOperation implements CommandRouter.Operation<GetUserByUsername> {

    private final UserStore store;

    GetUserByUsernameOperation(UserStore store) {
        this.store = store;
    }

    @Override
    public CompletionStage<Decision> decide(IncomingCommand command, GetUserByUsername get) {
        return store.findByUsername(get.getUsername()).thenApply(found -> UserAnswers.found(found, "username " + get.getUsername()));
    }
}
