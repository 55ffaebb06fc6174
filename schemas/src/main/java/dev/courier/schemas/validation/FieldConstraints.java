package dev.courier.schemas.validation;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * Bounds declared as properties on a field of an Avro schema, checked on a value of that field.
 *
 * <p>Avro has no length, range or format constraints, so the contract declares them as field
 * properties: {@code "maxLength"} and {@code "minLength"} for strings (counted in code points),
 * {@code "pattern"} for strings (a Java regular expression the whole value must match, so nothing
 * can trail it, not even a line break; compiled with Unicode character classes, so {@code \s}
 * covers every kind of space; {@code "patternDescription"} says it in words), and
 * {@code "minimum"} and {@code "maximum"} for numbers. A field whose value is null is not checked.
 * Identifiers that end up in Kafka keys and Redis keys (post and user ids, principals, cursors)
 * declare a pattern, so a NUL or a control character never reaches either.
 */
public final class FieldConstraints {

    private static final Map<String, Pattern> PATTERNS = new ConcurrentHashMap<>();

    private FieldConstraints() {
    }

    /** The first bound the value breaks, if any. */
    public static Optional<Violation> check(Schema.Field field, String path, Object value) {
        if (value instanceof CharSequence text) {
            int length = text.toString().codePointCount(0, text.length());
            Integer max = intProp(field, "maxLength");
            if (max != null && length > max) {
                return Optional.of(new Violation(path, Violation.TOO_LONG, "must be at most " + max + " characters, was " + length));
            }
            Integer min = intProp(field, "minLength");
            if (min != null && length < min) {
                return Optional.of(new Violation(path, Violation.TOO_SHORT, "must be at least " + min + " characters, was " + length));
            }
            Object pattern = field.getObjectProp("pattern");
            if (pattern instanceof String regex
                    && !PATTERNS.computeIfAbsent(regex, source -> Pattern.compile(source, Pattern.UNICODE_CHARACTER_CLASS)).matcher(text).matches()) {
                Object description = field.getObjectProp("patternDescription");
                return Optional.of(new Violation(path, Violation.MALFORMED,
                        "must be " + (description instanceof String words ? words : "a match of " + regex)));
            }
        } else if (value instanceof Number number && !(value instanceof Float || value instanceof Double)) {
            long n = number.longValue();
            Integer min = intProp(field, "minimum");
            if (min != null && n < min) {
                return Optional.of(new Violation(path, Violation.TOO_SMALL, "must be at least " + min + ", was " + n));
            }
            Integer max = intProp(field, "maximum");
            if (max != null && n > max) {
                return Optional.of(new Violation(path, Violation.TOO_LARGE, "must be at most " + max + ", was " + n));
            }
        }
        return Optional.empty();
    }

    /** Whether the field is marked {@code "sensitive": true}: never logged, never echoed. */
    public static boolean isSensitive(Schema.Field field) {
        return Boolean.TRUE.equals(field.getObjectProp("sensitive"));
    }

    private static Integer intProp(Schema.Field field, String name) {
        Object prop = field.getObjectProp(name);
        return prop instanceof Number number ? number.intValue() : null;
    }
}
