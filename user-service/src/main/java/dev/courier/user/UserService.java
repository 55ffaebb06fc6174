package dev.courier.user;

import dev.courier.schemas.Messages;
import dev.courier.schemas.topic.Topics;
import dev.courier.service.ServiceDefinition;
import dev.courier.service.ServiceMain;
import dev.courier.service.config.ServiceDefaults;
import dev.courier.user.command.PasswordHasher;
import dev.courier.user.command.UserOperations;
import dev.courier.user.store.UserKeys;
import dev.courier.user.store.UserStore;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The user service: user commands in, users in Redis under {@code user:}, replies and user events out. */
public final class UserService {

    public static final ServiceDefaults DEFAULTS = new ServiceDefaults("user-service", Topics.USER_COMMANDS.name(),
            Topics.USER_EVENTS.name(), Topics.USER_COMMANDS_DLQ.name(), 8082);

    /** One hashing thread per core: Argon2 is CPU-bound. Daemon threads, so they never hold the JVM up. */
    private static final ExecutorService HASHING = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), runnable -> {
        Thread thread = new Thread(runnable, "password-hashing");
        thread.setDaemon(true);
        return thread;
    });

    private UserService() {
    }

    public static ServiceDefinition definition(Clock clock) {
        return new ServiceDefinition(DEFAULTS, UserKeys.PREFIX, Messages.USER_COMMANDS, Messages.USER_EVENTS,
                redis -> UserOperations.handler(new UserStore(redis), new PasswordHasher(HASHING), clock));
    }

    /** Runs the service; the one argument, if any, is a config file. */
    public static void main(String[] args) {
        ServiceMain.run(args, definition(Clock.systemUTC()));
    }
}
