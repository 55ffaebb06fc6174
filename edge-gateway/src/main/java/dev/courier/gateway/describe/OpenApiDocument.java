package dev.courier.gateway.describe;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.courier.gateway.route.FieldSource;
import dev.courier.gateway.route.ReplyResults;
import dev.courier.gateway.route.Route;
import dev.courier.gateway.route.RouteTable;
import dev.courier.schemas.json.JsonSchemas;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.apache.avro.Schema;

/**
 * The HTTP API as OpenAPI 3.1, generated from the routes in force and the commands' Avro schemas:
 * each route's path and query parameters and body (the command's fields it takes from the JSON,
 * with their bounds), its answers (the success with the results a reply can carry, 202 for
 * {@code Prefer: respond-async}, and every problem the edge or the service can answer, as RFC 9457
 * bodies), and the OAuth2 client-credentials scheme with the route's scopes. A pure function of
 * its inputs: every instance with the same routes serves the same document.
 */
public final class OpenApiDocument {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SCHEMAS = "#/components/schemas/";
    private static final Map<String, String> PROBLEMS = Map.ofEntries(
            Map.entry("400", "The request is not valid: its framing, headers, body or parameters (each field error listed)"),
            Map.entry("401", "No valid bearer token"),
            Map.entry("403", "The token lacks the route's scopes, or the service refused the caller"),
            Map.entry("404", "No such route or entity"),
            Map.entry("409", "The entity is in a state that refuses the command"),
            Map.entry("413", "The body, inflated, is larger than http.max-body-bytes"),
            Map.entry("415", "The body is not UTF-8 JSON, or its Content-Encoding is not gzip"),
            Map.entry("422", "The service rejected the command, or an Idempotency-Key was reused for another request"),
            Map.entry("502", "The service failed to answer sensibly"),
            Map.entry("503", "The gateway is overloaded, draining, or a backing service is down; retry after Retry-After"),
            Map.entry("504", "No reply before the deadline; the outcome will be at the Location"));

    private OpenApiDocument() {
    }

    /**
     * @param builtInIssuer whether this gateway issues tokens itself ({@code /oauth2/token}); when it
     *     does not, tokens come from the trusted issuers, whose token endpoints it does not know
     */
    public static ObjectNode of(RouteTable routes, URI publicUrl, String version, boolean builtInIssuer) {
        String scheme = builtInIssuer ? "oauth2" : "bearer";
        JsonSchemas schemas = new JsonSchemas(SCHEMAS);
        ObjectNode document = NODES.objectNode().put("openapi", "3.1.0");
        document.putObject("info").put("title", "Courier").put("version", version)
                .put("description", "Every route turns a request into a command on Kafka and answers with the service's reply.");
        document.putArray("servers").addObject().put("url", publicUrl.toString().replaceAll("/$", ""));
        ObjectNode paths = document.putObject("paths");
        for (Route route : routes.routes()) {
            ObjectNode item = paths.has(route.path().toString()) ? (ObjectNode) paths.get(route.path().toString())
                    : paths.putObject(route.path().toString());
            String method = route.method().toLowerCase(Locale.ROOT);
            if (!item.has(method)) {
                item.set(method, operation(route, schemas, scheme));
            }
        }
        paths.set("/requests/{id}", requestStatus(scheme));
        ObjectNode components = document.putObject("components");
        ObjectNode definitions = components.putObject("schemas");
        schemas.definitions().forEach(definitions::set);
        definitions.set("Problem", problem());
        definitions.set("RequestStatus", requestStatusSchema());
        ObjectNode responses = components.putObject("responses");
        PROBLEMS.forEach((status, description) -> responses.set("Problem" + status, problemResponse(description)));
        components.putObject("securitySchemes").set(scheme, builtInIssuer ? clientCredentials(routes, publicUrl) : bearer());
        return document;
    }

    private static ObjectNode operation(Route route, JsonSchemas schemas, String scheme) {
        ObjectNode operation = NODES.objectNode().put("operationId", route.name())
                .put("summary", route.command().getSimpleName() + " on " + route.topic());
        operation.putArray("tags").add(route.topic());
        operation.putArray("security").addObject().set(scheme, strings(new TreeSet<>(route.scopes())));
        ArrayNode parameters = operation.putArray("parameters");
        List<String> fromElsewhere = new ArrayList<>();
        route.fields().forEach((field, source) -> {
            fromElsewhere.add(field);
            Schema.Field avroField = route.schema().getField(field);
            if (source instanceof FieldSource.PathParameter path) {
                parameters.addObject().put("name", path.name()).put("in", "path").put("required", true).set("schema", schemas.field(avroField));
            } else if (source instanceof FieldSource.QueryParameter query) {
                parameters.addObject().put("name", query.name()).put("in", "query").put("required", !avroField.hasDefaultValue())
                        .set("schema", schemas.field(avroField));
            }
        });
        parameters.addObject().put("name", "Prefer").put("in", "header").put("description",
                "respond-async: 202 once the command is in Kafka; wait=<seconds>: a shorter deadline").set("schema", string());
        parameters.addObject().put("name", "Idempotency-Key").put("in", "header").put("description",
                "a retry with the same key and request gets the first answer").set("schema", string());
        if (route.takesBody()) {
            operation.putObject("requestBody").put("required", true).putObject("content").putObject("application/json")
                    .set("schema", schemas.objectOf(route.schema(), fromElsewhere));
        }
        ObjectNode responses = operation.putObject("responses");
        boolean empty = route.response().filter(ReplyResults.NONE::equals).isPresent();
        ObjectNode success = responses.putObject(empty ? "204" : Integer.toString(route.successStatus()))
                .put("description", empty ? "Done; nothing to show" : "The service's result");
        if (!empty) {
            success.putObject("content").putObject("application/json").set("schema", route.response()
                    .flatMap(ReplyResults::named).map(schemas::ref).orElseGet(() -> anyResult(schemas)));
        }
        if (route.location().isPresent()) {
            success.putObject("headers").putObject("Location").put("description", "Where the result lives").set("schema", string());
        }
        if (route.cache().isPresent()) {
            ObjectNode headers = success.has("headers") ? (ObjectNode) success.get("headers") : success.putObject("headers");
            headers.putObject("ETag").put("description", "The answer's strong tag; If-None-Match gets 304").set("schema", string());
            responses.putObject("304").put("description", "Not modified: the If-None-Match tag is the answer's");
        }
        responses.putObject("202").put("description", "Accepted (Prefer: respond-async): the outcome will be at the Location")
                .putObject("content").putObject("application/json").set("schema", ref("RequestStatus"));
        for (String status : new TreeSet<>(PROBLEMS.keySet())) {
            responses.putObject(status).put("$ref", "#/components/responses/Problem" + status);
        }
        if (route.rateLimit().isPresent()) {
            responses.putObject("429").put("description", "The caller's rate limit on this route is spent; see Retry-After and RateLimit")
                    .putObject("content").putObject("application/problem+json").set("schema", ref("Problem"));
        }
        return operation;
    }

    /** Whatever an OK reply can hold, for a route whose file does not say ({@code response:}). */
    private static ObjectNode anyResult(JsonSchemas schemas) {
        ArrayNode anyOf = NODES.arrayNode();
        ReplyResults.all().forEach(result -> anyOf.add(schemas.ref(result)));
        return NODES.objectNode().set("anyOf", anyOf);
    }

    private static ObjectNode requestStatus(String scheme) {
        ObjectNode get = NODES.objectNode().putObject("get").put("operationId", "request-status")
                .put("summary", "The outcome of an asynchronous or timed-out request, for the caller who made it");
        get.putArray("security").addObject().putArray(scheme);
        get.putArray("parameters").addObject().put("name", "id").put("in", "path").put("required", true).set("schema", string());
        ObjectNode responses = get.putObject("responses");
        responses.putObject("200").put("description", "Pending, or completed with the answer the request would have had")
                .putObject("content").putObject("application/json").set("schema", ref("RequestStatus"));
        responses.putObject("401").put("$ref", "#/components/responses/Problem401");
        responses.putObject("404").put("$ref", "#/components/responses/Problem404");
        responses.putObject("503").put("$ref", "#/components/responses/Problem503");
        return (ObjectNode) NODES.objectNode().set("get", get);
    }

    private static ObjectNode clientCredentials(RouteTable routes, URI publicUrl) {
        ObjectNode scopes = NODES.objectNode();
        routes.scopes().forEach(scope -> scopes.put(scope, "routes that need " + scope));
        ObjectNode scheme = NODES.objectNode().put("type", "oauth2");
        scheme.putObject("flows").putObject("clientCredentials")
                .put("tokenUrl", publicUrl.toString().replaceAll("/$", "") + "/oauth2/token").set("scopes", scopes);
        return scheme;
    }

    /** Tokens from an outside issuer: OpenAPI 3.1 lets a bearer requirement list the scopes it needs. */
    private static ObjectNode bearer() {
        return NODES.objectNode().put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT")
                .put("description", "A JWT from one of the trusted issuers (auth.trusted-issuers), holding the scopes each operation lists");
    }

    private static ObjectNode problem() {
        ObjectNode problem = NODES.objectNode().put("type", "object").put("description", "RFC 9457 problem details");
        ObjectNode properties = problem.putObject("properties");
        properties.putObject("type").put("type", "string").put("format", "uri-reference");
        properties.set("title", string());
        properties.putObject("status").put("type", "integer");
        properties.set("detail", string());
        properties.set("instance", string());
        properties.set("requestId", string());
        ObjectNode error = properties.putObject("errors").put("type", "array").putObject("items").put("type", "object");
        ObjectNode errorProperties = error.putObject("properties");
        List.of("field", "code", "message").forEach(name -> errorProperties.set(name, string()));
        problem.set("required", strings(List.of("type", "title", "status")));
        return problem;
    }

    private static ObjectNode requestStatusSchema() {
        ObjectNode status = NODES.objectNode().put("type", "object");
        ObjectNode properties = status.putObject("properties");
        properties.set("requestId", string());
        properties.putObject("status").put("type", "string").set("enum", strings(List.of("pending", "completed")));
        ObjectNode response = properties.putObject("response").put("type", "object");
        ObjectNode answer = response.putObject("properties");
        answer.putObject("status").put("type", "integer");
        answer.set("location", string());
        answer.putObject("body").put("type", "object");
        status.set("required", strings(List.of("requestId", "status")));
        return status;
    }

    private static ObjectNode problemResponse(String description) {
        ObjectNode response = NODES.objectNode().put("description", description);
        response.putObject("content").putObject("application/problem+json").set("schema", ref("Problem"));
        return response;
    }

    private static ObjectNode ref(String name) {
        return NODES.objectNode().put("$ref", SCHEMAS + name);
    }

    private static ObjectNode string() {
        return NODES.objectNode().put("type", "string");
    }

    private static ArrayNode strings(Iterable<String> values) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(array::add);
        return array;
    }
}
