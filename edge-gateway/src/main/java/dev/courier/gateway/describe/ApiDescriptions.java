package dev.courier.gateway.describe;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.courier.gateway.http.Exchange;
import dev.courier.gateway.route.RouteTable;
import dev.courier.schemas.describe.AsyncApiDocument;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;
import java.util.function.Supplier;

/**
 * {@code GET /openapi.json}: the HTTP API of the routes in force, built again when they change;
 * {@code GET /asyncapi.json}: the topics, for producers and consumers that skip HTTP. Public, like
 * the issuer's discovery document: they tell what exists, not what anyone may do.
 */
public final class ApiDescriptions {

    private final Supplier<RouteTable> routes;
    private final URI publicUrl;
    private final boolean builtInIssuer;
    private final String version;
    private final byte[] asyncApi;
    private volatile Built built;

    private record Built(RouteTable routes, byte[] openApi) {
    }

    public ApiDescriptions(Supplier<RouteTable> routes, URI publicUrl, String version, boolean builtInIssuer) {
        this.builtInIssuer = builtInIssuer;
        this.routes = routes;
        this.publicUrl = publicUrl;
        this.version = version;
        this.asyncApi = Exchange.serialize(AsyncApiDocument.of(version));
    }

    public void asyncApi(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        exchange.response().putHeader("Cache-Control", "public, max-age=60");
        exchange.jsonBytes(200, asyncApi);
    }

    public void openApi(RoutingContext routing) {
        Exchange exchange = Exchange.of(routing);
        exchange.response().putHeader("Cache-Control", "public, max-age=60");
        exchange.jsonBytes(200, current().openApi());
    }

    /** The document of the routes in force; built once per table (a reload is a new table). */
    private Built current() {
        RouteTable inForce = routes.get();
        Built last = built;
        if (last == null || last.routes() != inForce) {
            ObjectNode document = OpenApiDocument.of(inForce, publicUrl, version, builtInIssuer);
            last = new Built(inForce, Exchange.serialize(document));
            built = last;
        }
        return last;
    }
}
