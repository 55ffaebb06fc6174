package dev.courier.service.command;

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
     * the state changed in between and act after all.
     */
    record Change(AtomicWrite write, CommandOutcome outcome) implements Decision {
    }
}
