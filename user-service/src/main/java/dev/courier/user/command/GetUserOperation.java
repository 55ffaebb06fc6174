package dev.courier.user.command;

import dev.courier.command.GetUser;
import dev.courier.schemas.command.IncomingCommand;
import dev.courier.service.command.CommandRouter;
import dev.courier.service.command.Decision;
import dev.courier.user.store.UserStore;
import java.util.concurrent.CompletionStage;

/** Reads one user by id. */
final class GetUserOperation implements CommandRouter.Operation<GetUser> {

    private final UserStore store;

    GetUserOperation(UserStore store) {
        this.store = store;
    }

    @Override
    public CompletionStage<Decision> decide(IncomingCommand command, GetUser get) {
        return store.find(get.getUserId()).thenApply(found -> UserAnswers.found(found, "user " + get.getUserId()));
    }
}
