package dev.courier.schemas.validation;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Rules across the fields of one record, declared as properties of its schema, checked wherever
 * its fields' bounds are (the gateway's mapping, a service's or processor's intake).
 *
 * <p>{@code "timeRange": {"from": "<field>", "to": "<field>", "maxMillis": N}}: two timestamps
 * where {@code to} must be after {@code from}, by at most {@code maxMillis}.
 */
public final class RecordRules {

    private RecordRules() {
    }

    /** The first rule the record breaks, if any. */
    public static Optional<Violation> check(IndexedRecord record) {
        Schema schema = record.getSchema();
        if (!(schema.getObjectProp("timeRange") instanceof Map<?, ?> range)) {
            return Optional.empty();
        }
        String fromField = String.valueOf(range.get("from"));
        String toField = String.valueOf(range.get("to"));
        Instant from = instant(record, schema, fromField);
        Instant to = instant(record, schema, toField);
        if (from == null || to == null) {
            return Optional.empty();
        }
        if (!to.isAfter(from)) {
            return Optional.of(new Violation(toField, Violation.TOO_SMALL, "must be after " + fromField));
        }
        if (range.get("maxMillis") instanceof Number max && Duration.between(from, to).toMillis() > max.longValue()) {
            return Optional.of(new Violation(toField, Violation.TOO_LARGE,
                    "must be at most " + Duration.ofMillis(max.longValue()) + " after " + fromField));
        }
        return Optional.empty();
    }

    private static Instant instant(IndexedRecord record, Schema schema, String field) {
        Schema.Field declared = schema.getField(field);
        if (declared == null) {
            throw new IllegalStateException(schema.getFullName() + " names a timeRange field it does not have: " + field);
        }
        Object value = record.get(declared.pos());
        if (value instanceof Instant instant) {
            return instant;
        }
        return value instanceof Long millis ? Instant.ofEpochMilli(millis) : null;
    }
}
