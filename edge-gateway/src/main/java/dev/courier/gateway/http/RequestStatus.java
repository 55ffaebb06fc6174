package dev.courier.gateway.http;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The body of {@code /requests/{id}}: pending, or completed with the response the request got. */
final class RequestStatus {

    private RequestStatus() {
    }

    static ObjectNode pending(String requestId) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("requestId", requestId);
        json.put("status", "pending");
        return json;
    }

    static ObjectNode completed(String requestId, OutcomeRenderer.Rendered rendered, String requestPath) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("requestId", requestId);
        json.put("status", "completed");
        ObjectNode response = json.putObject("response");
        response.put("status", rendered.status());
        rendered.location().ifPresent(location -> response.put("location", location));
        if (rendered.problem().isPresent()) {
            response.set("body", rendered.problem().get().toJson(requestPath, requestId));
        } else if (rendered.body() != null) {
            response.set("body", rendered.body());
        }
        return json;
    }
}
