package dev.courier.gateway.route;

import java.util.List;
import java.util.Map;

/** One route as written in the YAML file, before validation. Keys are kebab-case. */
record RouteSpec(String name, String host, String method, String path, String command, String topic, String key,
                 List<String> scopes, String timeout, Map<String, String> fields, Boolean body, SuccessSpec success,
                 Map<String, String> responseHeaders, String consumerGroup, RateLimitSpec rateLimit,
                 CacheSpec cache, String response) {

    record SuccessSpec(Integer status, String location) {
    }

    record RateLimitSpec(Long requests, String per, Long burst) {
    }

    record CacheSpec(String ttl, String invalidatedBy) {
    }

    record FileSpec(List<RouteSpec> routes) {
    }
}
