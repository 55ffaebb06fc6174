package dev.courier.gateway.command;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.courier.gateway.route.FieldSource;
import dev.courier.gateway.route.Route;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.json.JsonToAvro;
import dev.courier.schemas.validation.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns a matched request into its command record: the JSON body (when the route takes one) plus
 * the fields the route fills from the request id, path and query. Every problem is a field error.
 */
public final class CommandMapper {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final JsonToAvro json;

    public CommandMapper(JsonToAvro json) {
        this.json = json;
    }

    /**
     * @param query every value of each query parameter; a field's parameter given twice is an error
     * @param body the raw body; empty when there is none
     */
    public DecodeResult<SpecificRecord> map(Route route, Map<String, String> pathParameters, Function<String, List<String>> query,
                                            byte[] body, String requestId) {
        ObjectNode command;
        if (route.takesBody()) {
            if (body.length == 0) {
                return invalid("a JSON object body is required", new Violation("", Violation.MISSING, "a JSON object body is required"));
            }
            DecodeResult<JsonNode> parsed = json.parse(body);
            if (parsed instanceof DecodeResult.Undecodable<JsonNode> failure) {
                return new DecodeResult.Undecodable<>(failure.reason(), failure.violations());
            }
            JsonNode tree = ((DecodeResult.Decoded<JsonNode>) parsed).message();
            if (!tree.isObject()) {
                return invalid("the body must be a JSON object", new Violation("", Violation.WRONG_TYPE, "must be a JSON object"));
            }
            command = (ObjectNode) tree;
        } else {
            if (body.length > 0) {
                return invalid("this route takes no body", new Violation("", Violation.NOT_ALLOWED, "this route takes no body"));
            }
            command = NODES.objectNode();
        }
        List<Violation> violations = new ArrayList<>();
        route.fields().forEach((field, source) -> {
            if (command.has(field)) {
                violations.add(new Violation(field, Violation.NOT_ALLOWED, "is set by the URL, not the body"));
                return;
            }
            if (source instanceof FieldSource.QueryParameter parameter && query.apply(parameter.name()).size() > 1) {
                violations.add(new Violation(field, Violation.NOT_ALLOWED, "the query parameter " + parameter.name() + " is given more than once"));
                return;
            }
            JsonNode value = valueOf(source, route.schema().getField(field).schema(), pathParameters, query, requestId);
            if (value != null) {
                command.set(field, value);
            }
        });
        if (!violations.isEmpty()) {
            return new DecodeResult.Undecodable<>("invalid request: " + violations.size() + " field error(s)", violations);
        }
        DecodeResult<? extends SpecificRecord> mapped = json.read(command, route.command());
        return mapped.map(SpecificRecord.class::cast);
    }

    private static JsonNode valueOf(FieldSource source, Schema schema, Map<String, String> pathParameters,
                                    Function<String, List<String>> query, String requestId) {
        if (source instanceof FieldSource.RequestId) {
            return NODES.textNode(requestId);
        }
        String text = source instanceof FieldSource.PathParameter path ? pathParameters.get(path.name())
                : query.apply(((FieldSource.QueryParameter) source).name()).stream().findFirst().orElse(null);
        return text == null ? null : typed(text, schema);
    }

    // URL values are text; a numeric field gets a number when the text is one, so the mapping
    // reports a wrong type only for text that is not.
    private static JsonNode typed(String text, Schema schema) {
        Schema.Type type = nonNull(schema).getType();
        if (type == Schema.Type.INT || type == Schema.Type.LONG) {
            try {
                return NODES.numberNode(Long.parseLong(text));
            } catch (NumberFormatException e) {
                return NODES.textNode(text);
            }
        }
        return NODES.textNode(text);
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(branch -> branch.getType() != Schema.Type.NULL).findFirst().orElse(schema);
    }

    private static DecodeResult<SpecificRecord> invalid(String reason, Violation violation) {
        return new DecodeResult.Undecodable<>(reason, List.of(violation));
    }
}
