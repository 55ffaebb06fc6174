package dev.courier.service.command;

import dev.courier.reply.Reply;
import dev.courier.service.store.AtomicWrite;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Short ways for operations to say what they decided. */
public final class Decisions {

    private Decisions() {
    }

    /** Answer without storing: reads, and rejections that follow from the command alone. */
    public static CompletionStage<Decision> answer(Reply reply) {
        return CompletableFuture.completedFuture(new Decision.Answer(reply));
    }

    /** Store this reply as the command's final answer, changing nothing else. */
    public static Decision.Change settle(Reply reply) {
        return new Decision.Change(AtomicWrite.none(), CommandOutcome.replyOnly(reply));
    }

    public static Decision.Change change(AtomicWrite write, CommandOutcome outcome) {
        return new Decision.Change(write, outcome);
    }

    /**
     * Apply {@code write} and answer {@code outcome}, decided without reading: if its preconditions
     * do not hold, store and answer {@code otherwise} instead. One round trip where reading first
     * would take two, for the common case where the preconditions hold.
     */
    public static Decision.Change changeOrElse(AtomicWrite write, CommandOutcome outcome, Reply otherwise) {
        return new Decision.Change(write, outcome, Optional.of(CommandOutcome.replyOnly(otherwise)));
    }
}
