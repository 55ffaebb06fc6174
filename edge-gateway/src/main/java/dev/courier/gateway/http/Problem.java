package dev.courier.gateway.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.courier.schemas.validation.Violation;
import java.util.List;

/**
 * An RFC 9457 problem: the one error shape of every response. {@code requestId} and {@code errors}
 * are extension members.
 */
public record Problem(int status, String type, String title, String detail, List<Violation> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:courier:problem:";
    private static final ObjectMapper JSON = new ObjectMapper();

    public Problem {
        errors = List.copyOf(errors);
    }

    public static Problem of(int status, String type, String title, String detail) {
        return new Problem(status, TYPE_PREFIX + type, title, detail, List.of());
    }

    public static Problem invalid(String detail, List<Violation> errors) {
        return new Problem(400, TYPE_PREFIX + "invalid-request", "The request is not valid", detail, errors);
    }

    /** The problem as UTF-8 JSON; {@code instance} may be null when the request's path is not to be echoed. */
    public byte[] toBytes(String instance, String requestId) {
        try {
            return JSON.writeValueAsBytes(toJson(instance, requestId));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serializes", e);
        }
    }

    public ObjectNode toJson(String instance, String requestId) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("type", type);
        json.put("title", title);
        json.put("status", status);
        if (detail != null) {
            json.put("detail", detail);
        }
        if (instance != null) {
            json.put("instance", instance);
        }
        json.put("requestId", requestId);
        if (!errors.isEmpty()) {
            ArrayNode list = json.putArray("errors");
            errors.forEach(error -> list.addObject().put("field", error.field()).put("code", error.code()).put("message", error.message()));
        }
        return json;
    }
}
