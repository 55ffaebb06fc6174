package dev.courier.schemas.codec;

import dev.courier.schemas.validation.Violation;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * What reading a message from outside gave: the message, or why there is none. Bad input is an
 * expected outcome, not an exception.
 *
 * @param <T> the message type
 */
public sealed interface DecodeResult<T> {

    /** The message, read and converted to the current reader schema. */
    record Decoded<T>(T message) implements DecodeResult<T> {
        public Decoded {
            Objects.requireNonNull(message, "message");
        }
    }

    /**
     * The input is not a valid message.
     *
     * @param reason one line saying what is wrong, safe to log and to show the sender
     * @param violations field-level detail where the shape of the message was understood; may be empty
     */
    record Undecodable<T>(String reason, List<Violation> violations) implements DecodeResult<T> {
        public Undecodable {
            Objects.requireNonNull(reason, "reason");
            violations = List.copyOf(violations);
        }

        public Undecodable(String reason) {
            this(reason, List.of());
        }
    }

    /** The decoded message transformed, or the same failure. */
    default <U> DecodeResult<U> map(Function<? super T, ? extends U> mapper) {
        return flatMap(message -> new Decoded<>(mapper.apply(message)));
    }

    /** The next step applied to the decoded message, or the same failure. */
    default <U> DecodeResult<U> flatMap(Function<? super T, DecodeResult<U>> next) {
        if (this instanceof Decoded<T> decoded) {
            return next.apply(decoded.message());
        }
        Undecodable<T> failure = (Undecodable<T>) this;
        return new Undecodable<>(failure.reason(), failure.violations());
    }

    static <T> DecodeResult<T> decoded(T message) {
        return new Decoded<>(message);
    }

    static <T> DecodeResult<T> undecodable(String reason) {
        return new Undecodable<>(reason);
    }
}
