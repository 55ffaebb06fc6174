package dev.courier.service.command;

import dev.courier.schemas.command.IncomingCommand;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;

/** Sends each command to the one operation registered for its type. */
public final class CommandRouter implements CommandHandler {

    /** Decides one type of command. */
    @FunctionalInterface
    public interface Operation<T extends SpecificRecord> {
        CompletionStage<Decision> decide(IncomingCommand command, T message);
    }

    private final Map<Class<?>, Operation<?>> operations;

    private CommandRouter(Map<Class<?>, Operation<?>> operations) {
        this.operations = Map.copyOf(operations);
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public CompletionStage<Decision> decide(IncomingCommand command) {
        return decideAs(command, command.message().getClass());
    }

    @SuppressWarnings("unchecked")
    private <T extends SpecificRecord> CompletionStage<Decision> decideAs(IncomingCommand command, Class<T> type) {
        Operation<T> operation = (Operation<T>) operations.get(type);
        if (operation == null) {
            throw new IllegalStateException("no operation for " + type.getName() + ", though the topic accepts it");
        }
        return operation.decide(command, type.cast(command.message()));
    }

    public static final class Builder {
        private final Map<Class<?>, Operation<?>> operations = new HashMap<>();

        private Builder() {
        }

        public <T extends SpecificRecord> Builder on(Class<T> type, Operation<T> operation) {
            if (operations.putIfAbsent(type, operation) != null) {
                throw new IllegalArgumentException("two operations for " + type.getName());
            }
            return this;
        }

        public CommandRouter build() {
            return new CommandRouter(operations);
        }
    }
}
