package dev.courier.gateway.route;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * One validated route: what it matches and the command it turns a request into.
 *
 * @param fields command fields filled from the request rather than the body
 * @param key the command field whose value is the record key (orders commands on one entity)
 * @param takesBody whether the JSON body supplies the remaining fields; otherwise a body is refused
 * @param successStatus the HTTP status of an OK outcome that carries a payload
 * @param location where the created resource lives, with {@code {field}} taken from the reply payload
 * @param consumerGroup the consumer group that serves the route's topic: its lag decides whether a
 *     synchronous request can be answered in time
 * @param rateLimit how many requests each caller may make, if the route limits them
 * @param cache how the route's answers are kept in the gateway, if they are
 * @param response what its OK reply carries: a result's name, {@value ReplyResults#NONE}, or unsaid
 *     (its description then allows any result)
 */
public record Route(String name, HostPattern host, String method, PathTemplate path, Class<? extends SpecificRecord> command,
                   Schema schema, String topic, String key, Set<String> scopes, Duration timeout,
                   Map<String, FieldSource> fields, boolean takesBody, int successStatus, Optional<String> location,
                   Map<String, String> responseHeaders, Optional<String> consumerGroup,
                   Optional<RateLimit> rateLimit, Optional<CachePolicy> cache, Optional<String> response) {

    public Route {
        scopes = Set.copyOf(scopes);
        fields = Map.copyOf(fields);
        responseHeaders = Map.copyOf(responseHeaders);
    }
}
