package dev.courier.schemas.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.validation.FieldConstraints;
import dev.courier.schemas.validation.RecordRules;
import dev.courier.schemas.validation.Violation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Function;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads a JSON document into a generated Avro record, reporting every problem as a field-level
 * {@link Violation} (missing field, wrong type, unknown field, out-of-bounds value) instead of
 * failing on the first one.
 *
 * <p>JSON is mapped the way an HTTP client writes it, not Avro's JSON encoding: a union value is
 * written plainly (no {@code {"string": ...}} wrapper), enums as their symbol, timestamps as
 * ISO-8601 strings or epoch milliseconds, bytes as base64. Thread-safe.
 */
public final class JsonToAvro {

    private static final Object INVALID = new Object();

    private final ObjectMapper mapper;

    public JsonToAvro(JsonLimits limits) {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxStringLength())
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        this.mapper = new ObjectMapper(factory).enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    public JsonToAvro() {
        this(JsonLimits.DEFAULT);
    }

    /**
     * Parses UTF-8 JSON; malformed JSON, and bytes that are not well-formed UTF-8 (RFC 8259
     * section 8.1), are undecodable with the reason and position.
     */
    public DecodeResult<JsonNode> parse(byte[] json) {
        OptionalInt invalid = Utf8.firstInvalidByte(json);
        if (invalid.isPresent()) {
            String reason = "not well-formed UTF-8 at byte offset " + invalid.getAsInt();
            return new DecodeResult.Undecodable<>("malformed JSON: " + reason, List.of(new Violation("", Violation.MALFORMED, reason)));
        }
        try {
            JsonNode node = mapper.readTree(json);
            return node == null || node.isMissingNode()
                    ? new DecodeResult.Undecodable<>("malformed JSON: empty document", List.of(new Violation("", Violation.MALFORMED, "empty document")))
                    : DecodeResult.decoded(node);
        } catch (JsonProcessingException e) {
            String reason = e.getOriginalMessage() + locationOf(e);
            return new DecodeResult.Undecodable<>("malformed JSON: " + reason, List.of(new Violation("", Violation.MALFORMED, reason)));
        } catch (IOException e) {
            return DecodeResult.undecodable("unreadable JSON: " + e.getMessage());
        }
    }

    /** Parses and maps in one step. */
    public <T extends SpecificRecord> DecodeResult<T> read(byte[] json, Class<T> type) {
        return parse(json).flatMap(tree -> read(tree, type));
    }

    /** Maps a JSON tree to a record of the given generated class. */
    public <T extends SpecificRecord> DecodeResult<T> read(JsonNode json, Class<T> type) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        List<Violation> violations = new ArrayList<>();
        Object value = new Mapping(model, violations).convert(schema, json, "");
        if (violations.isEmpty() && value instanceof IndexedRecord record) {
            RecordRules.check(record).ifPresent(violations::add);
        }
        if (!violations.isEmpty() || value == INVALID) {
            return new DecodeResult.Undecodable<>(
                    "invalid " + schema.getName() + ": " + violations.size() + " field error(s)", violations);
        }
        return DecodeResult.decoded(type.cast(value));
    }

    private static String locationOf(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
    }

    /** One mapping run: the model to build records with and the violations found so far. */
    private record Mapping(SpecificData model, List<Violation> violations) {

        Object convert(Schema schema, JsonNode node, String path) {
            if (node.isNull() && schema.getType() != Schema.Type.NULL && schema.getType() != Schema.Type.UNION) {
                return invalid(path, Violation.WRONG_TYPE, "must not be null");
            }
            return switch (schema.getType()) {
                case RECORD -> record(schema, node, path);
                case UNION -> union(schema, node, path);
                case STRING -> node.isTextual() ? node.textValue() : wrongType(path, "a string");
                case INT -> node.isIntegralNumber() && node.canConvertToInt() ? node.intValue() : wrongType(path, "a 32-bit integer");
                case LONG -> longValue(schema, node, path);
                case FLOAT -> node.isNumber() ? node.floatValue() : wrongType(path, "a number");
                case DOUBLE -> node.isNumber() ? node.doubleValue() : wrongType(path, "a number");
                case BOOLEAN -> node.isBoolean() ? node.booleanValue() : wrongType(path, "true or false");
                case NULL -> node.isNull() ? null : wrongType(path, "null");
                case ENUM -> enumValue(schema, node, path);
                case ARRAY -> array(schema, node, path);
                case MAP -> map(schema, node, path);
                case BYTES -> bytes(node, path, ByteBuffer::wrap);
                case FIXED -> bytes(node, path, raw -> model.createFixed(null, raw, schema));
            };
        }

        private Object record(Schema schema, JsonNode node, String path) {
            if (!node.isObject()) {
                return wrongType(path, "an object");
            }
            IndexedRecord record = (IndexedRecord) model.newRecord(null, schema);
            for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (schema.getField(name) == null) {
                    invalid(join(path, name), Violation.UNKNOWN_FIELD, "is not a field of " + schema.getName());
                }
            }
            for (Schema.Field field : schema.getFields()) {
                String fieldPath = join(path, field.name());
                JsonNode fieldNode = node.get(field.name());
                if (fieldNode == null) {
                    if (field.hasDefaultValue()) {
                        record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
                    } else {
                        invalid(fieldPath, Violation.MISSING, "is required");
                    }
                    continue;
                }
                Object value = convert(field.schema(), fieldNode, fieldPath);
                if (value != INVALID) {
                    FieldConstraints.check(field, fieldPath, value).ifPresent(violations::add);
                    record.put(field.pos(), value);
                }
            }
            return record;
        }

        private Object union(Schema schema, JsonNode node, String path) {
            List<Schema> branches = schema.getTypes();
            if (node.isNull()) {
                return branches.stream().anyMatch(b -> b.getType() == Schema.Type.NULL) ? null : invalid(path, Violation.WRONG_TYPE, "must not be null");
            }
            List<Schema> candidates = branches.stream().filter(b -> b.getType() != Schema.Type.NULL).toList();
            if (candidates.size() == 1) {
                return convert(candidates.get(0), node, path);
            }
            for (Schema candidate : candidates) {
                Mapping trial = new Mapping(model, new ArrayList<>());
                Object value = trial.convert(candidate, node, path);
                if (trial.violations.isEmpty() && value != INVALID) {
                    return value;
                }
            }
            return wrongType(path, "one of " + candidates.stream().map(Schema::getName).toList());
        }

        private Object longValue(Schema schema, JsonNode node, String path) {
            LogicalType logicalType = schema.getLogicalType();
            boolean timestamp = logicalType instanceof LogicalTypes.TimestampMillis;
            long raw;
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                raw = node.longValue();
            } else if (timestamp && node.isTextual()) {
                try {
                    raw = Instant.parse(node.textValue()).toEpochMilli();
                } catch (DateTimeParseException e) {
                    return invalid(path, Violation.WRONG_TYPE, "must be an ISO-8601 instant such as 2026-01-31T12:00:00Z");
                }
            } else {
                return wrongType(path, timestamp ? "an ISO-8601 instant or epoch milliseconds" : "a 64-bit integer");
            }
            Conversion<?> conversion = logicalType == null ? null : model.getConversionFor(logicalType);
            return conversion == null ? raw : Conversions.convertToLogicalType(raw, schema, logicalType, conversion);
        }

        private Object enumValue(Schema schema, JsonNode node, String path) {
            if (node.isTextual() && schema.hasEnumSymbol(node.textValue())) {
                return model.createEnum(node.textValue(), schema);
            }
            return invalid(path, Violation.NOT_ALLOWED, "must be one of " + schema.getEnumSymbols());
        }

        private Object array(Schema schema, JsonNode node, String path) {
            if (!node.isArray()) {
                return wrongType(path, "an array");
            }
            List<Object> items = new ArrayList<>(node.size());
            for (int i = 0; i < node.size(); i++) {
                items.add(convert(schema.getElementType(), node.get(i), path + "[" + i + "]"));
            }
            return items.contains(INVALID) ? INVALID : items;
        }

        private Object map(Schema schema, JsonNode node, String path) {
            if (!node.isObject()) {
                return wrongType(path, "an object");
            }
            Map<String, Object> entries = new LinkedHashMap<>();
            node.properties().forEach(e -> entries.put(e.getKey(), convert(schema.getValueType(), e.getValue(), join(path, e.getKey()))));
            return entries.containsValue(INVALID) ? INVALID : entries;
        }

        private Object bytes(JsonNode node, String path, Function<byte[], Object> wrap) {
            if (node.isTextual()) {
                try {
                    return wrap.apply(Base64.getDecoder().decode(node.textValue()));
                } catch (IllegalArgumentException e) {
                    // fall through to the type error
                }
            }
            return wrongType(path, "a base64 string");
        }

        private Object wrongType(String path, String expected) {
            return invalid(path, Violation.WRONG_TYPE, "must be " + expected);
        }

        private Object invalid(String path, String code, String message) {
            violations.add(new Violation(path, code, message));
            return INVALID;
        }

        private static String join(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }
    }
}
