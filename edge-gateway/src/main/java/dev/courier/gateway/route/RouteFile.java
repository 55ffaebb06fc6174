package dev.courier.gateway.route;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.courier.commons.config.ConfigException;
import dev.courier.commons.config.ConfigRules;
import dev.courier.gateway.command.CommandCodecs;
import dev.courier.schemas.codec.MessageFamily;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Reads and validates a route file strictly: an unknown key, a missing key or a bad value stops
 * start-up with a message naming the route and the key.
 */
public final class RouteFile {

    /** The routes the gateway serves when no file is configured. */
    public static final String DEFAULT_RESOURCE = "default-routes.yaml";

    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<Integer> SUCCESS_STATUSES = Set.of(200, 201, 202);
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");
    private static final Pattern GROUP = Pattern.compile("\\S{1,255}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");
    private static final Duration MAX_TIMEOUT = Duration.ofMinutes(5);

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .setPropertyNamingStrategy(PropertyNamingStrategies.KEBAB_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private static final Map<String, Class<? extends SpecificRecord>> COMMANDS = commands(CommandCodecs.FAMILIES);

    private RouteFile() {
    }

    /** The configured file, or the built-in defaults. */
    public static RouteTable load(Optional<Path> file) {
        if (file.isEmpty()) {
            try (InputStream in = RouteFile.class.getClassLoader().getResourceAsStream(DEFAULT_RESOURCE)) {
                return parse(in.readAllBytes(), DEFAULT_RESOURCE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return parse(read(file.get()), file.get().toString());
    }

    /** The file's bytes, or a {@link ConfigException} naming {@code routes.file}. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException("routes.file", "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Parses YAML text; {@code origin} names it in errors. */
    public static RouteTable parse(byte[] yaml, String origin) {
        RouteSpec.FileSpec spec;
        try {
            spec = YAML.readValue(yaml, RouteSpec.FileSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(origin, "unknown key '" + e.getPropertyName() + "' at " + e.getPathReference()
                    + "; known keys: " + e.getKnownPropertyIds());
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin, e.getOriginalMessage() + location(e));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (spec == null || spec.routes() == null || spec.routes().isEmpty()) {
            throw new ConfigException(origin, "'routes' must list at least one route");
        }
        List<Route> routes = new ArrayList<>();
        Set<String> names = new HashSet<>();
        Set<String> endpoints = new HashSet<>();
        for (int i = 0; i < spec.routes().size(); i++) {
            RouteSpec routeSpec = spec.routes().get(i);
            String where = origin + ": routes[" + i + "]" + (routeSpec != null && routeSpec.name() != null ? " (" + routeSpec.name() + ")" : "");
            if (routeSpec == null) {
                throw new ConfigException(where, "is empty");
            }
            Route route = compile(routeSpec, where);
            if (!names.add(route.name())) {
                throw new ConfigException(where + ".name", "'" + route.name() + "' is used by another route");
            }
            String endpoint = route.host() + " " + route.method() + " " + route.path().toString().replaceAll("\\{[^}]+}", "{}");
            if (!endpoints.add(endpoint)) {
                throw new ConfigException(where, "another route already matches " + endpoint);
            }
            routes.add(route);
        }
        return new RouteTable(routes);
    }

    private static Route compile(RouteSpec spec, String where) {
        String name = required(spec.name(), where, "name");
        check(NAME.matcher(name).matches(), where, "name", "must be lowercase letters, digits and '-', was '" + name + "'");
        HostPattern host = spec.host() == null ? HostPattern.ANY : attempt(where, "host", () -> new HostPattern(spec.host()));
        String method = required(spec.method(), where, "method");
        check(METHODS.contains(method), where, "method", "must be one of " + METHODS + ", was '" + method + "'");
        PathTemplate path = attempt(where, "path", () -> PathTemplate.parse(required(spec.path(), where, "path")));
        String commandName = required(spec.command(), where, "command");
        Class<? extends SpecificRecord> command = COMMANDS.get(commandName);
        check(command != null, where, "command", "unknown command '" + commandName + "'; known: " + COMMANDS.keySet());
        Schema schema = MessageFamily.schemaOf(command);
        String topic = required(spec.topic(), where, "topic");
        check(ConfigRules.TOPIC.matcher(topic).matches(), where, "topic", "must be a legal Kafka topic name, was '" + topic + "'");
        String key = required(spec.key(), where, "key");
        check(schema.getField(key) != null, where, "key", "'" + key + "' is not a field of " + commandName);
        List<String> scopes = spec.scopes() == null ? List.of() : spec.scopes();
        scopes.forEach(scope -> check(scope != null && SCOPE.matcher(scope).matches(), where, "scopes", "'" + scope + "' is not a valid scope"));
        Duration timeout = attempt(where, "timeout", () -> parseTimeout(required(spec.timeout(), where, "timeout")));
        Map<String, FieldSource> fields = new LinkedHashMap<>();
        if (spec.fields() != null) {
            spec.fields().forEach((field, source) -> {
                check(schema.getField(field) != null, where, "fields." + field, "is not a field of " + commandName
                        + "; its fields: " + schema.getFields().stream().map(Schema.Field::name).toList());
                FieldSource parsed = attempt(where, "fields." + field, () -> FieldSource.parse(source));
                if (parsed instanceof FieldSource.PathParameter parameter) {
                    check(path.parameters().contains(parameter.name()), where, "fields." + field,
                            "path has no parameter {" + parameter.name() + "}");
                }
                fields.put(field, parsed);
            });
        }
        boolean takesBody = spec.body() != null ? spec.body() : false;
        if (!takesBody) {
            schema.getFields().stream()
                    .filter(field -> !fields.containsKey(field.name()) && !field.hasDefaultValue())
                    .findFirst()
                    .ifPresent(field -> {
                        throw new ConfigException(where + ".fields", "command field '" + field.name()
                                + "' has no default and no source; map it in 'fields' or set 'body: true'");
                    });
        }
        int status = spec.success() != null && spec.success().status() != null ? spec.success().status() : 200;
        check(SUCCESS_STATUSES.contains(status), where, "success.status", "must be one of " + SUCCESS_STATUSES + ", was " + status);
        Optional<String> location = Optional.ofNullable(spec.success() == null ? null : spec.success().location());
        location.ifPresent(template -> check(template.startsWith("/") && PLACEHOLDER.matcher(template).find(), where,
                "success.location", "must be a path with {field} placeholders, was '" + template + "'"));
        Map<String, String> headers = spec.responseHeaders() == null ? Map.of() : spec.responseHeaders();
        headers.forEach((header, value) -> check(HEADER_NAME.matcher(header).matches() && value != null
                && value.chars().noneMatch(c -> c < 0x20 && c != '\t'), where, "response-headers." + header, "is not a valid header"));
        Optional<String> consumerGroup = Optional.ofNullable(spec.consumerGroup());
        consumerGroup.ifPresent(group -> check(GROUP.matcher(group).matches(), where, "consumer-group",
                "must be 1 to 255 characters without spaces, was '" + group + "'"));
        Optional<RateLimit> rateLimit = Optional.ofNullable(spec.rateLimit()).map(limit -> rateLimit(limit, where));
        Optional<CachePolicy> cache = Optional.ofNullable(spec.cache()).map(policy -> cache(policy, where, method, status));
        Optional<String> response = Optional.ofNullable(spec.response());
        response.ifPresent(result -> check(result.equals(ReplyResults.NONE) || ReplyResults.named(result).isPresent(), where, "response",
                "unknown result '" + result + "'; known: " + ReplyResults.names() + " or " + ReplyResults.NONE));
        return new Route(name, host, method, path, command, schema, topic, key, Set.copyOf(scopes), timeout, fields,
                takesBody, status, location, headers, consumerGroup, rateLimit, cache, response);
    }

    private static CachePolicy cache(RouteSpec.CacheSpec spec, String where, String method, int status) {
        check(method.equals("GET"), where, "cache", "only a GET route's answers can be kept, this one is " + method);
        check(status == 200, where, "cache", "only answers of status 200 can be kept; remove success.status or make it 200");
        Duration ttl = attempt(where, "cache.ttl", () -> parsePeriod(required(spec.ttl(), where, "cache.ttl")));
        String events = required(spec.invalidatedBy(), where, "cache.invalidated-by");
        check(ConfigRules.TOPIC.matcher(events).matches(), where, "cache.invalidated-by", "must be a legal Kafka topic name, was '" + events + "'");
        return attempt(where, "cache", () -> new CachePolicy(ttl, events));
    }

    private static RateLimit rateLimit(RouteSpec.RateLimitSpec spec, String where) {
        check(spec.requests() != null, where, "rate-limit.requests", "is required");
        Duration per = attempt(where, "rate-limit.per", () -> parsePeriod(required(spec.per(), where, "rate-limit.per")));
        long burst = spec.burst() == null ? spec.requests() : spec.burst();
        return attempt(where, "rate-limit", () -> new RateLimit(spec.requests(), per, burst));
    }

    /** Placeholders of a location template, for the renderer. */
    public static List<String> placeholders(String template) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        List<String> names = new ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Duration parseTimeout(String text) {
        Matcher matcher = Pattern.compile("(\\d{1,6})(ms|s|m)").matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be like 250ms, 5s or 1m, was '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        Duration timeout = switch (matcher.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            default -> Duration.ofMinutes(amount);
        };
        if (timeout.isZero() || timeout.compareTo(MAX_TIMEOUT) > 0) {
            throw new IllegalArgumentException("must be more than 0 and at most 5m, was '" + text + "'");
        }
        return timeout;
    }

    private static Duration parsePeriod(String text) {
        Matcher matcher = Pattern.compile("(\\d{1,6})(s|m|h|d)").matcher(text);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be like 1s, 30s, 1m, 1h or 1d, was '" + text + "'");
        }
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    private static String required(String value, String where, String key) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(where + "." + key, "is required");
        }
        return value;
    }

    private static void check(boolean valid, String where, String key, String problem) {
        if (!valid) {
            throw new ConfigException(where + "." + key, problem);
        }
    }

    private static <T> T attempt(String where, String key, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(where + "." + key, e.getMessage());
        }
    }

    private static String location(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
    }

    private static Map<String, Class<? extends SpecificRecord>> commands(List<MessageFamily<SpecificRecord>> families) {
        Map<String, Class<? extends SpecificRecord>> byName = new LinkedHashMap<>();
        families.forEach(family -> family.members().forEach(type -> byName.put(type.getSimpleName(), type)));
        return byName;
    }
}
