package dev.courier.user.command;

import dev.courier.command.CreateUser;
import dev.courier.event.UserCreated;
import dev.courier.model.User;
import dev.courier.schemas.command.IncomingCommand;
import dev.courier.schemas.command.Replies;
import dev.courier.schemas.validation.Violation;
import dev.courier.service.command.CommandOutcome;
import dev.courier.service.command.CommandRouter;
import dev.courier.service.command.Decision;
import dev.courier.service.command.Decisions;
import dev.courier.user.store.StoredUser;
import dev.courier.user.store.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Registers a user; a taken id or username (in any letter case) is a conflict. */
final class CreateUserOperation implements CommandRouter.Operation<CreateUser> {

    static final String TAKEN = "taken";

    private final UserStore store;
    private final PasswordHasher hasher;
    private final Clock clock;

    CreateUserOperation(UserStore store, PasswordHasher hasher, Clock clock) {
        this.store = store;
        this.hasher = hasher;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Decision> decide(IncomingCommand command, CreateUser create) {
        var byId = store.find(create.getUserId()).toCompletableFuture();
        var byName = store.userIdOf(create.getUsername()).toCompletableFuture();
        return byId.thenCombine(byName, (idHolder, nameHolder) -> idHolder.isPresent()
                        ? Optional.of(taken("userId", "user id " + create.getUserId() + " is taken"))
                        : nameHolder.map(holder -> taken("username", "username " + create.getUsername() + " is taken")))
                .thenCompose(conflict -> conflict.isPresent()
                        ? CompletableFuture.completedFuture(conflict.get())
                        : hasher.hash(create.getPassword()).thenApply(hash -> registered(create, hash)));
    }

    private static Decision taken(String field, String detail) {
        return Decisions.settle(Replies.conflict(detail, List.of(new Violation(field, TAKEN, detail))));
    }

    private Decision registered(CreateUser create, String passwordHash) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        User user = new User(create.getUserId(), create.getUsername(), create.getEmail(), now);
        UserCreated event = new UserCreated(user.getUserId(), user.getUsername(), now);
        return Decisions.change(UserStore.register(new StoredUser(user, passwordHash)),
                CommandOutcome.of(Replies.ok(user), new CommandOutcome.Event(user.getUserId(), event)));
    }
}
