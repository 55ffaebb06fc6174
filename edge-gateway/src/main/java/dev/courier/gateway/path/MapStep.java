package dev.courier.gateway.path;

import dev.courier.gateway.command.CommandCodecs;
import dev.courier.gateway.command.CommandMapper;
import dev.courier.gateway.command.RequestIds;
import dev.courier.gateway.http.Exchange;
import dev.courier.gateway.http.Fingerprint;
import dev.courier.gateway.http.JsonBodyCheck;
import dev.courier.gateway.http.Preferences;
import dev.courier.gateway.http.Problem;
import dev.courier.gateway.route.Route;
import dev.courier.gateway.store.RequestOrigin;
import dev.courier.schemas.codec.DecodeResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Turns the request into its command: the request id (derived from an Idempotency-Key when there
 * is one), the body, path and query through the route's schema, every violation listed in one 400.
 */
final class MapStep implements RequestStep {

    private final CommandMapper mapper;
    private final CommandCodecs codecs;

    MapStep(CommandMapper mapper, CommandCodecs codecs) {
        this.mapper = mapper;
        this.codecs = codecs;
    }

    @Override
    public void handle(CommandCall call) {
        Exchange exchange = call.exchange();
        HttpServerRequest request = call.routing().request();
        Route route = call.route();
        String keyHeader = request.getHeader("Idempotency-Key");
        if (keyHeader != null) {
            Optional<String> key = RequestIds.idempotencyKey(keyHeader);
            if (key.isEmpty()) {
                exchange.problem(Problem.of(400, "invalid-idempotency-key", "The Idempotency-Key is not valid",
                        "it must be 1 to 255 printable ASCII characters"));
                return;
            }
            exchange.requestId(RequestIds.derived(call.caller().id(), key.get()));
        }
        Buffer body = exchange.body();
        if (route.takesBody() && !JsonBodyCheck.accepts(exchange, route, body.length())) {
            return;
        }
        DecodeResult<SpecificRecord> mapped = mapper.map(route, call.pathParameters(), name -> call.routing().queryParams().getAll(name),
                body.getBytes(), exchange.requestId());
        if (mapped instanceof DecodeResult.Undecodable<SpecificRecord> invalid) {
            exchange.problem(Problem.invalid(invalid.reason(), invalid.violations()));
            return;
        }
        SpecificRecord command = ((DecodeResult.Decoded<SpecificRecord>) mapped).message();
        byte[] encoded = codecs.encode(command);
        String key = String.valueOf(command.get(route.schema().getField(route.key()).pos()));
        // Only a retry under the same Idempotency-Key is ever compared with the original; a random
        // request id has no retries, so it spares the hash.
        String fingerprint = keyHeader != null ? Fingerprint.of(route.name(), encoded) : "";
        RequestOrigin origin = new RequestOrigin(call.caller().id(), fingerprint, route.name());
        call.mapped(keyHeader != null, Preferences.parse(request.headers().getAll("Prefer")), command, encoded, key, origin);
        call.next();
    }
}
