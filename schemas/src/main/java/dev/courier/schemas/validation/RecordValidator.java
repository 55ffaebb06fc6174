package dev.courier.schemas.validation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;

/**
 * Checks a decoded record against the {@link FieldConstraints} and {@link RecordRules} its schema
 * declares, all the way down, so an Avro message gets the same checks as a JSON one.
 */
public final class RecordValidator {

    private RecordValidator() {
    }

    /** Every bound the record breaks; empty when it keeps them all. */
    public static List<Violation> validate(IndexedRecord record) {
        List<Violation> violations = new ArrayList<>();
        validateRecord(record, "", violations);
        return List.copyOf(violations);
    }

    private static void validateRecord(IndexedRecord record, String prefix, List<Violation> violations) {
        int before = violations.size();
        for (Schema.Field field : record.getSchema().getFields()) {
            String path = prefix + field.name();
            Object value = record.get(field.pos());
            FieldConstraints.check(field, path, value).ifPresent(violations::add);
            validateNested(value, path, violations);
        }
        if (violations.size() == before) {
            RecordRules.check(record).ifPresent(broken -> violations.add(
                    new Violation(prefix + broken.field(), broken.code(), broken.message())));
        }
    }

    private static void validateNested(Object value, String path, List<Violation> violations) {
        if (value instanceof IndexedRecord nested) {
            validateRecord(nested, path + ".", violations);
        } else if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                validateNested(item, path + "[" + i++ + "]", violations);
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> validateNested(item, path + "." + key, violations));
        }
    }
}
