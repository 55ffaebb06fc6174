package dev.courier.schemas.command;

/** What reading one record gave: a command to handle, or a dead letter and why. */
public sealed interface Intake {

    record Accepted(IncomingCommand command) implements Intake {
    }

    /**
     * The record cannot be handled, whatever the state: it goes to the dead-letter topic.
     *
     * @param errorClass a stable name for the kind of failure, written to the dead letter's headers
     * @param message what is wrong, safe to log and show the sender
     */
    record Poison(String errorClass, String message) implements Intake {
    }
}
