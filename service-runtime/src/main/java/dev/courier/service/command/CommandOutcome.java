package dev.courier.service.command;

import dev.courier.reply.Reply;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * What a command that changes state answers and announces. Stored under the request id with the
 * change itself, so a redelivered command gets exactly this again.
 *
 * @param reply the answer to the sender
 * @param events domain events, in the order they happened
 */
public record CommandOutcome(Reply reply, List<Event> events) {

    public CommandOutcome {
        events = List.copyOf(events);
    }

    public static CommandOutcome replyOnly(Reply reply) {
        return new CommandOutcome(reply, List.of());
    }

    public static CommandOutcome of(Reply reply, Event event) {
        return new CommandOutcome(reply, List.of(event));
    }

    /** A domain event and the key that orders it (the entity id). */
    public record Event(String key, SpecificRecord value) {
    }
}
