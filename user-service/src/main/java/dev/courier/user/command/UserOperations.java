package dev.courier.user.command;

import dev.courier.command.CreateUser;
import dev.courier.command.GetUser;
import dev.courier.command.GetUserByUsername;
import dev.courier.service.command.CommandHandler;
import dev.courier.service.command.CommandRouter;
import dev.courier.user.store.UserStore;
import java.time.Clock;

/** Every user command and the operation that decides it. */
public final class UserOperations {

    private UserOperations() {
    }

    public static CommandHandler handler(UserStore store, PasswordHasher hasher, Clock clock) {
        return CommandRouter.builder()
                .on(CreateUser.class, new CreateUserOperation(store, hasher, clock))
                .on(GetUser.class, new GetUserOperation(store))
                .on(GetUserByUsername.class, new GetUserByUsernameOperation(store))
                .build();
    }
}
