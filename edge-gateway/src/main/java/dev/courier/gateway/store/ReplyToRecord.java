package dev.courier.gateway.store;

import java.util.Optional;

/**
 * A reply to record under its request id.
 *
 * @param origin present when this gateway waited for the reply and so knows who sent the request:
 *               the record is then written whole; absent, only a request already on record gets it
 */
public record ReplyToRecord(ArrivedReply reply, Optional<RequestOrigin> origin) {
}
