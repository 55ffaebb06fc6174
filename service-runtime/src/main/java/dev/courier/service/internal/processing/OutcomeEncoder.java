package dev.courier.service.internal.processing;

import dev.courier.reply.Reply;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.service.command.CommandOutcome;
import dev.courier.service.store.EncodedOutcome;
import dev.courier.service.store.EncodedOutcome.EncodedEvent;
import org.apache.avro.specific.SpecificRecord;

/** Encodes replies and events once, as they will be stored and sent. */
public final class OutcomeEncoder {

    private final SingleObjectCodec<Reply> replies;
    private final SingleObjectCodec<SpecificRecord> events;

    public OutcomeEncoder(SingleObjectCodec<Reply> replies, SingleObjectCodec<SpecificRecord> events) {
        this.replies = replies;
        this.events = events;
    }

    public EncodedOutcome encode(CommandOutcome outcome) {
        return new EncodedOutcome(replies.encode(outcome.reply()),
                outcome.events().stream().map(event -> new EncodedEvent(event.key(), events.encode(event.value()))).toList());
    }

    public EncodedOutcome encode(Reply reply) {
        return encode(CommandOutcome.replyOnly(reply));
    }
}
