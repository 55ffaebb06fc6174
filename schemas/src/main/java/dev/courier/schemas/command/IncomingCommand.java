package dev.courier.schemas.command;

import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.ReplyTo;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A command read from its topic, with what its headers said.
 *
 * @param requestId the idempotency key of the command's effect
 * @param correlationId the sender's flow id, if it gave one
 * @param principal on whose behalf the command acts, if anyone's
 * @param replyTo where the reply goes; empty means no reply (the events still go out)
 * @param traceparent W3C trace context to carry on, if any
 * @param key the record key, which orders the commands of one entity
 * @param message the decoded command
 * @param source where it was read
 */
public record IncomingCommand(String requestId, Optional<String> correlationId, Optional<String> principal,
                              Optional<ReplyTo> replyTo, Optional<String> traceparent, String key,
                              SpecificRecord message, SourcePosition source) {

    /** The decoded command as its own type; a handler registered for {@code type} uses this. */
    public <T extends SpecificRecord> T message(Class<T> type) {
        return type.cast(message);
    }

    /** The headers of what the command leads to (reply, events): request id, correlation id and trace context travel on. */
    public Headers tracing() {
        Headers headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
        correlationId.ifPresent(id -> CourierHeaders.put(headers, CourierHeaders.CORRELATION_ID, id));
        traceparent.ifPresent(trace -> CourierHeaders.put(headers, CourierHeaders.TRACEPARENT, trace));
        return headers;
    }
}
