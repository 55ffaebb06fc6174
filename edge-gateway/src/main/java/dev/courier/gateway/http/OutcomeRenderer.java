package dev.courier.gateway.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.courier.gateway.route.Route;
import dev.courier.gateway.route.RouteFile;
import dev.courier.reply.FieldError;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.json.AvroToJson;
import dev.courier.schemas.validation.Violation;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.generic.IndexedRecord;

/**
 * Maps a service's reply to HTTP: OK to the route's success status (201 with {@code Location} for
 * creations, 204 without a payload), REJECTED to 422 with field errors, NOT_FOUND 404, CONFLICT 409,
 * FORBIDDEN 403, ERROR 502.
 */
public final class OutcomeRenderer {

    private final SingleObjectCodec<Reply> replies = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released());

    /** How a reply looks over HTTP. {@code body} is null for 204; {@code problem} set for failures. */
    public record Rendered(int status, Optional<String> location, ObjectNode body, Optional<Problem> problem) {
    }

    public Rendered render(byte[] replyBytes, Optional<Route> route) {
        DecodeResult<Reply> decoded = replies.decode(replyBytes);
        if (!(decoded instanceof DecodeResult.Decoded<Reply> ok)) {
            return failure(Problem.of(502, "bad-reply", "The service's reply could not be read", null));
        }
        Reply reply = ok.message();
        return switch (reply.getOutcome()) {
            case OK -> success(reply, route);
            case REJECTED -> failure(fromReply(422, reply));
            case NOT_FOUND -> failure(fromReply(404, reply));
            case CONFLICT -> failure(fromReply(409, reply));
            case FORBIDDEN -> failure(fromReply(403, reply));
            case ERROR -> failure(fromReply(502, reply));
        };
    }

    private static Rendered success(Reply reply, Optional<Route> route) {
        // A service's result is the payload, a streams processor's the view; never both.
        Object result = reply.getPayload() != null ? reply.getPayload() : reply.getView();
        if (result == null) {
            return new Rendered(204, Optional.empty(), null, Optional.empty());
        }
        IndexedRecord payload = (IndexedRecord) result;
        int status = route.map(Route::successStatus).orElse(200);
        Optional<String> location = route.flatMap(Route::location).map(template -> fill(template, payload));
        return new Rendered(status, location, AvroToJson.toJson(payload), Optional.empty());
    }

    private static String fill(String template, IndexedRecord payload) {
        String location = template;
        for (String field : RouteFile.placeholders(template)) {
            Object value = payload.getSchema().getField(field) == null ? null : payload.get(payload.getSchema().getField(field).pos());
            // URLEncoder writes form encoding: a space as '+', which a path reads as a plus. A '+' it
            // was given comes out as %2B, so every '+' left stands for a space.
            String segment = URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8).replace("+", "%20");
            location = location.replace("{" + field + "}", segment);
        }
        return location;
    }

    private static Problem fromReply(int status, Reply reply) {
        if (reply.getProblem() == null) {
            return Problem.of(status, reply.getOutcome().name().toLowerCase(Locale.ROOT).replace('_', '-'), reply.getOutcome().name(), null);
        }
        List<Violation> errors = reply.getProblem().getFieldErrors().stream()
                .map(OutcomeRenderer::violation)
                .toList();
        return new Problem(status, reply.getProblem().getType(), reply.getProblem().getTitle(), reply.getProblem().getDetail(), errors);
    }

    private static Violation violation(FieldError error) {
        return new Violation(error.getField(), error.getCode(), error.getMessage());
    }

    private static Rendered failure(Problem problem) {
        return new Rendered(problem.status(), Optional.empty(), null, Optional.of(problem));
    }
}
