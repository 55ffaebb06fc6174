package dev.courier.schemas.validation;

import dev.courier.reply.FieldError;
import java.util.Objects;

/**
 * What is wrong with one field of a message.
 *
 * @param field path of the field: {@code title}, {@code author.name}, {@code tags[2]}; empty for the whole message
 * @param code machine-readable reason, one of the constants below or a service's own
 * @param message human-readable reason, safe to show the sender (never echoes the value)
 */
public record Violation(String field, String code, String message) {

    public static final String MISSING = "missing";
    public static final String WRONG_TYPE = "wrong_type";
    public static final String TOO_LONG = "too_long";
    public static final String TOO_SHORT = "too_short";
    public static final String TOO_SMALL = "too_small";
    public static final String TOO_LARGE = "too_large";
    public static final String NOT_ALLOWED = "not_allowed";
    public static final String UNKNOWN_FIELD = "unknown_field";
    public static final String MALFORMED = "malformed";
    public static final String BLANK = "blank";

    public Violation {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
    }

    /** The same violation as the Avro record carried in a reply's problem. */
    public FieldError toFieldError() {
        return new FieldError(field, code, message);
    }
}
