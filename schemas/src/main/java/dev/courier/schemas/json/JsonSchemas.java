package dev.courier.schemas.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.courier.schemas.validation.FieldConstraints;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Avro schemas as JSON Schema (2020-12, the dialect of OpenAPI 3.1 and a superset of what AsyncAPI
 * 3.0 reads), describing the JSON form the edge reads ({@link JsonToAvro}) and writes
 * ({@link AvroToJson}): unions written plainly, enums as their symbols, timestamps as ISO-8601
 * instants (epoch milliseconds accepted too), bytes as base64, and the fields' own bounds
 * ({@code maxLength}, {@code pattern}, …). Named records are defined once, under their simple name,
 * and referred to with {@code $ref}; a sensitive field is never described, as it is never shown.
 */
public final class JsonSchemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final String refPrefix;
    private final Map<String, ObjectNode> definitions = new TreeMap<>();

    /** @param refPrefix where the definitions will live, e.g. {@code #/components/schemas/} */
    public JsonSchemas(String refPrefix) {
        this.refPrefix = refPrefix;
    }

    /** A reference to the record's definition, defining it (and the records it holds) first. */
    public ObjectNode ref(Schema record) {
        String name = record.getName();
        if (!definitions.containsKey(name)) {
            definitions.put(name, NODES.objectNode());
            definitions.put(name, object(record, record.getFields()));
        }
        return NODES.objectNode().put("$ref", refPrefix + name);
    }

    /** The record's fields but {@code leaveOut}, as an object schema of its own (a request body). */
    public ObjectNode objectOf(Schema record, List<String> leaveOut) {
        return object(record, record.getFields().stream().filter(field -> !leaveOut.contains(field.name())).toList());
    }

    /** The schema of one field as it is written in JSON (a path or query parameter). */
    public ObjectNode field(Schema.Field field) {
        return withBounds(of(field.schema()), field);
    }

    /** Every record referred to so far, by name, in name order. */
    public Map<String, ObjectNode> definitions() {
        return Collections.unmodifiableMap(new TreeMap<>(definitions));
    }

    private ObjectNode object(Schema record, List<Schema.Field> fields) {
        ObjectNode object = NODES.objectNode().put("type", "object");
        if (record.getDoc() != null) {
            object.put("description", record.getDoc());
        }
        ObjectNode properties = object.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (Schema.Field field : fields) {
            if (FieldConstraints.isSensitive(field)) {
                continue;
            }
            ObjectNode property = field(field);
            if (field.doc() != null) {
                property.put("description", field.doc());
            }
            properties.set(field.name(), property);
            if (!field.hasDefaultValue()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            object.set("required", required);
        }
        object.put("additionalProperties", false);
        return object;
    }

    private static ObjectNode withBounds(ObjectNode schema, Schema.Field field) {
        for (String bound : List.of("maxLength", "minLength", "minimum", "maximum")) {
            Object value = field.getObjectProp(bound);
            if (value instanceof Number number) {
                schema.put(bound, number.longValue());
            }
        }
        if (field.getObjectProp("pattern") instanceof String pattern) {
            schema.put("pattern", pattern);
        }
        return schema;
    }

    private ObjectNode of(Schema schema) {
        LogicalType logical = schema.getLogicalType();
        if (logical instanceof LogicalTypes.TimestampMillis || logical instanceof LogicalTypes.TimestampMicros) {
            return NODES.objectNode().set("anyOf", NODES.arrayNode()
                    .add(NODES.objectNode().put("type", "string").put("format", "date-time"))
                    .add(NODES.objectNode().put("type", "integer").put("description", "epoch milliseconds")));
        }
        return switch (schema.getType()) {
            case RECORD -> ref(schema);
            case STRING -> NODES.objectNode().put("type", "string");
            case INT -> NODES.objectNode().put("type", "integer").put("format", "int32");
            case LONG -> NODES.objectNode().put("type", "integer").put("format", "int64");
            case FLOAT, DOUBLE -> NODES.objectNode().put("type", "number");
            case BOOLEAN -> NODES.objectNode().put("type", "boolean");
            case NULL -> NODES.objectNode().put("type", "null");
            case BYTES, FIXED -> NODES.objectNode().put("type", "string").put("contentEncoding", "base64");
            case ENUM -> {
                ObjectNode symbols = NODES.objectNode().put("type", "string");
                schema.getEnumSymbols().forEach(symbols.putArray("enum")::add);
                yield symbols;
            }
            case ARRAY -> {
                ObjectNode array = NODES.objectNode().put("type", "array");
                yield array.set("items", of(schema.getElementType()));
            }
            case MAP -> {
                ObjectNode map = NODES.objectNode().put("type", "object");
                yield map.set("additionalProperties", of(schema.getValueType()));
            }
            case UNION -> union(schema);
        };
    }

    private ObjectNode union(Schema union) {
        ArrayNode branches = NODES.arrayNode();
        union.getTypes().forEach(branch -> branches.add((JsonNode) of(branch)));
        return NODES.objectNode().set("anyOf", branches);
    }
}
