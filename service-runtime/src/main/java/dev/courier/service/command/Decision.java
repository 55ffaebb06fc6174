package dev.courier.service.command;

import java.util.Optional;

import dev.courier.reply.Reply;
import dev.courier.service.store.AtomicWrite;

/** What a handler decided to do with one command. */
public sealed interface Decision {

    /**
     * Answer without changing or storing anything: reads, and rejections that follow from the
     * command alone, so a redelivery is answered the same way by deciding again.
     */
    record Answer(Reply reply) implements Decision {
    }

    /**
     * Apply {@code write} and store {@code outcome} under the request id, atomically and only if
     * the write's preconditions still hold. A command that would change state always decides a
     * {@code Change}, even to answer "not found": once answered, a redelivery must not find
     * the state changed in between and act after all. With {@code otherwise}, a decision made
     * without reading: when the preconditions do not hold, {@code otherwise} is stored and answered
     * instead of deciding again (a create whose id is taken answers a conflict).
     */
    record Change(AtomicWrite write, CommandOutcome outcome, Optional<CommandOutcome> otherwise) implements Decision {

        public Change(AtomicWrite write, CommandOutcome outcome) {
            this(write, outcome, Optional.empty());
        }
    }
}
