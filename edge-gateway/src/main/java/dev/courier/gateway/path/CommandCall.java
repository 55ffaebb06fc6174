package dev.courier.gateway.path;

import dev.courier.auth.Principal;
import dev.courier.gateway.breaker.DependencyBreaker;
import dev.courier.gateway.cache.ResponseCache;
import dev.courier.gateway.http.Exchange;
import dev.courier.gateway.http.Preferences;
import dev.courier.gateway.route.Route;
import dev.courier.gateway.store.RequestOrigin;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * One request on its way down the steps of a declarative route: each step reads what the steps
 * before it found and adds its own, then calls {@link #next} or answers the exchange itself.
 */
public final class CommandCall {

    private static final String KEY = "courier.command-call";

    private final Exchange exchange;
    private Route route;
    private Map<String, String> pathParameters = Map.of();
    private Principal caller;
    private boolean idempotencyKey;
    private Preferences preferences;
    private SpecificRecord command;
    private byte[] encoded;
    private String key;
    private RequestOrigin origin;
    private ResponseCache.Read reading;
    private DependencyBreaker.Permit kafkaPermit;
    private DependencyBreaker.Permit redisPermit;

    private CommandCall(Exchange exchange) {
        this.exchange = exchange;
    }

    /** The call of this routing context, made on first use. */
    public static CommandCall of(RoutingContext routing) {
        CommandCall call = routing.get(KEY);
        if (call == null) {
            call = new CommandCall(Exchange.of(routing));
            routing.put(KEY, call);
        }
        return call;
    }

    /** Hands the call to the next step. */
    public void next() {
        exchange.context().next();
    }

    public Exchange exchange() {
        return exchange;
    }

    public RoutingContext routing() {
        return exchange.context();
    }

    public Route route() {
        return route;
    }

    public Map<String, String> pathParameters() {
        return pathParameters;
    }

    void matched(Route route, Map<String, String> pathParameters) {
        this.route = route;
        this.pathParameters = pathParameters;
        exchange.route(route.name());
    }

    /** The authenticated principal. */
    public Principal caller() {
        return caller;
    }

    void authenticated(Principal caller) {
        this.caller = caller;
    }

    /** Whether the request id was derived from the caller's Idempotency-Key. */
    public boolean idempotencyKey() {
        return idempotencyKey;
    }

    public Preferences preferences() {
        return preferences;
    }

    public boolean async() {
        return preferences.respondAsync();
    }

    /** Whether the request goes on record in Redis before it is produced: asynchronous, or with an Idempotency-Key. */
    public boolean putOnRecordFirst() {
        return async() || idempotencyKey;
    }

    /** How long a synchronous request may still wait, from now. */
    public Duration remainingWait() {
        return deadline().minusNanos(exchange.elapsedNanos());
    }

    /** The deadline the caller asked for, within the route's. */
    public Duration deadline() {
        return preferences.deadline(route.timeout());
    }

    public SpecificRecord command() {
        return command;
    }

    /** The command as produced: single-object encoded. */
    public byte[] encoded() {
        return encoded;
    }

    /** The record key, which picks the partition. */
    public String key() {
        return key;
    }

    public RequestOrigin origin() {
        return origin;
    }

    /** The read whose answer the cache may keep, on a cached route that missed; else null. */
    public ResponseCache.Read reading() {
        return reading;
    }

    void reading(ResponseCache.Read read) {
        this.reading = read;
    }

    /** Kafka's breaker let this request produce: settled by the send's outcome. */
    DependencyBreaker.Permit kafkaPermit() {
        return kafkaPermit;
    }

    void kafkaPermit(DependencyBreaker.Permit permit) {
        this.kafkaPermit = permit;
    }

    /** Redis's breaker let this request be put on record: settled by the claim's outcome. */
    DependencyBreaker.Permit redisPermit() {
        return redisPermit;
    }

    void redisPermit(DependencyBreaker.Permit permit) {
        this.redisPermit = permit;
    }

    void mapped(boolean idempotencyKey, Preferences preferences, SpecificRecord command, byte[] encoded, String key, RequestOrigin origin) {
        this.idempotencyKey = idempotencyKey;
        this.preferences = preferences;
        this.command = command;
        this.encoded = encoded;
        this.key = key;
        this.origin = origin;
    }
}
