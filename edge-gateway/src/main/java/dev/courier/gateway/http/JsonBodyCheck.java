package dev.courier.gateway.http;

import dev.courier.gateway.edge.MediaType;
import dev.courier.gateway.route.Route;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;

/**
 * A command route's body must be declared as what it is: JSON ({@code application/json} or any
 * {@code +json} type, in UTF-8), without a content coding. Anything else is 415 (RFC 9110 section
 * 15.5.16), with {@code Accept-Post} or {@code Accept-Patch} saying what would do.
 */
public final class JsonBodyCheck {

    private static final String ACCEPTED = "application/json";

    private JsonBodyCheck() {
    }

    /**
     * True when the body may be read as JSON (or is absent and undeclared, which the mapping
     * answers with "a body is required"); otherwise the exchange has been answered.
     */
    public static boolean accepts(Exchange exchange, Route route, int bodyLength) {
        HttpServerRequest request = exchange.context().request();
        if (bodyLength == 0 && request.getHeader("Content-Type") == null) {
            return true;
        }
        String encoding = request.getHeader("Content-Encoding");
        if (encoding != null && !encoding.strip().equalsIgnoreCase("identity") && !BodyReader.isGzip(encoding)) {
            // RFC 9110 section 15.5.16: a 415 for a content coding says which ones are accepted.
            exchange.response().putHeader("Accept-Encoding", "gzip");
            exchange.problem(Problem.of(415, "unsupported-content-encoding", "The body's content coding is not supported",
                    "send the body as it is, or with Content-Encoding: gzip"));
            return false;
        }
        Optional<MediaType> type = MediaType.parse(request.getHeader("Content-Type"));
        if (type.isPresent() && type.get().isJson() && type.get().isUtf8OrUnspecified()) {
            return true;
        }
        String acceptHeader = route.method().equals("PATCH") ? "Accept-Patch" : "Accept-Post";
        exchange.response().putHeader(acceptHeader, ACCEPTED);
        exchange.problem(Problem.of(415, "unsupported-media-type", "The body's media type is not supported",
                type.isEmpty() ? "send Content-Type: " + ACCEPTED
                        : "the body must be JSON in UTF-8 (" + ACCEPTED + " or a +json type), not " + type.get().type() + "/" + type.get().subtype()));
        return false;
    }
}
