package dev.courier.service.command;

import dev.courier.schemas.command.IncomingCommand;
import java.util.concurrent.CompletionStage;

/**
 * Decides what one command does, reading what it needs from the store. It must not write: the
 * runtime applies the decision's write atomically with the stored outcome, and decides again when
 * the state changed under it. Expected outcomes (not found, conflict, rejected) are replies; a
 * failed stage means the store is unreachable or there is a bug.
 */
@FunctionalInterface
public interface CommandHandler {

    CompletionStage<Decision> decide(IncomingCommand command);
}
