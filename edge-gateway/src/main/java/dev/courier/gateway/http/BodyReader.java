package dev.courier.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the whole body of every request into the {@link Exchange}, up to {@code http.max-body-bytes}
 * (413 beyond it, the connection closed as the rest is never read), and nothing else: unlike Vert.x
 * Web's body handler it never decodes form or multipart bodies on its own, so each handler parses
 * its body strictly, and a body that is not what a route takes never meets a lenient parser. A body
 * sent with {@code Content-Encoding: gzip} is inflated here, and the limit holds for what it inflates
 * to: a decompression bomb gets 413 once it passes the limit, never inflated in full.
 */
final class BodyReader implements Handler<RoutingContext> {

    private final long limit;

    BodyReader(long limit) {
        this.limit = limit;
    }

    @Override
    public void handle(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        HttpServerRequest request = routing.request();
        String declared = request.getHeader("Content-Length");
        if (declared != null && Long.parseLong(declared.strip()) > limit) {
            tooLarge(exchange);
            return;
        }
        if (request.isEnded()) {
            routing.next();
            return;
        }
        if (request.version() == HttpVersion.HTTP_1_1 && "100-continue".equalsIgnoreCase(request.getHeader("Expect"))) {
            // The client waits for this before sending the body (RFC 9110 section 10.1.1).
            routing.response().writeContinue();
        }
        Buffer body = Buffer.buffer();
        request.handler(chunk -> {
            if (exchange.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                tooLarge(exchange);
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (exchange.response().ended()) {
                return;
            }
            if (body.length() == 0 || !isGzip(request.getHeader("Content-Encoding"))) {
                exchange.body(body);
                routing.next();
                return;
            }
            GzipBodies.Inflated inflated = GzipBodies.inflate(body, limit);
            if (inflated instanceof GzipBodies.Body decoded) {
                exchange.body(decoded.bytes());
                routing.next();
            } else if (inflated instanceof GzipBodies.Corrupt corrupt) {
                exchange.problem(Problem.of(400, "malformed-body", "The body is not valid gzip", corrupt.reason()));
            } else {
                exchange.problem(Problem.of(413, "payload-too-large", "The body is too large",
                        "the body inflates beyond the gateway's limit of " + limit + " bytes"));
            }
        });
        request.resume();
    }

    /** The one content coding the gateway inflates; what else is sent is refused with 415 where the body is read as JSON. */
    static boolean isGzip(String contentEncoding) {
        return contentEncoding != null && contentEncoding.strip().equalsIgnoreCase("gzip");
    }

    private static void tooLarge(Exchange exchange) {
        // The rest of the body is not read, so the connection cannot carry another request.
        exchange.response().putHeader("Connection", "close");
        exchange.problem(Problem.of(413, "payload-too-large", "The body is too large", "the body exceeds the gateway's limit"));
    }
}
