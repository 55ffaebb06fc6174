package dev.courier.commons.config;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Flat configuration keys and their string values, with typed, validating getters that name the
 * key in every error. Keys are read once each, so {@link #rejectUnread()} can refuse typos.
 */
public final class ConfigValues {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final Map<String, String> values;
    private final Set<String> read = new TreeSet<>();

    public ConfigValues(Map<String, String> values) {
        this.values = new TreeMap<>(values);
    }

    public String string(String key, String fallback) {
        read.add(key);
        String value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isBlank()) {
            throw new ConfigException(key, "must not be blank");
        }
        return value.trim();
    }

    public int integer(String key, int fallback, int min, int max) {
        return parse(key, fallback, value -> {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "must be a whole number, was '" + value + "'");
            }
        }, number -> number >= min && number <= max, "must be between " + min + " and " + max);
    }

    public boolean bool(String key, boolean fallback) {
        return parse(key, fallback, value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new ConfigException(key, "must be true or false, was '" + value + "'");
        }, any -> true, "");
    }

    /** One of a fixed set of words, as its lowercase name with '-' for '_' ({@code closed}, {@code open}). */
    public <E extends Enum<E>> E choice(String key, E fallback, Class<E> type) {
        Map<String, E> byWord = new TreeMap<>();
        for (E constant : type.getEnumConstants()) {
            byWord.put(constant.name().toLowerCase(Locale.ROOT).replace('_', '-'), constant);
        }
        return parse(key, fallback, value -> {
            E constant = byWord.get(value);
            if (constant == null) {
                throw new ConfigException(key, "must be one of " + byWord.keySet() + ", was '" + value + "'");
            }
            return constant;
        }, any -> true, "");
    }

    /** A comma-separated list; blank items are an error. */
    public List<String> list(String key, List<String> fallback) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        List<String> items = Arrays.stream(value.split(",", -1)).map(String::trim).toList();
        if (items.stream().anyMatch(String::isEmpty)) {
            throw new ConfigException(key, "must be a comma-separated list without empty items, was '" + value + "'");
        }
        return items;
    }

    /** A duration written {@code 250ms}, {@code 30s}, {@code 5m}, {@code 24h}, {@code 7d}, ISO-8601 ({@code PT24H}) or {@code 0}. */
    public Duration duration(String key, Duration fallback, Duration min, Duration max) {
        return parse(key, fallback, value -> parseDuration(key, value),
                duration -> duration.compareTo(min) >= 0 && duration.compareTo(max) <= 0,
                "must be between " + min + " and " + max);
    }

    /** Every key under {@code prefix}, without the prefix; these pass through unchecked. */
    public Map<String, String> withPrefix(String prefix) {
        Map<String, String> result = new HashMap<>();
        values.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                read.add(key);
                result.put(key.substring(prefix.length()), value);
            }
        });
        return Map.copyOf(result);
    }

    /** The key's absolute http(s) URL, if it is set. */
    public Optional<URI> optionalHttpUrl(String key) {
        return Optional.ofNullable(string(key, null)).map(url -> httpUrl(key, url));
    }

    /** An absolute http or https URL with a host, or a {@link ConfigException} naming the key. */
    public static URI httpUrl(String key, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() != null && uri.getScheme().matches("https?") && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below, like any other value that is not an http(s) URL
        }
        throw new ConfigException(key, "must be an http(s) URL, was '" + value + "'");
    }

    /** Fails on the first key nothing asked for: most likely a typo that would otherwise be ignored. */
    public void rejectUnread() {
        Optional<String> unknown = values.keySet().stream().filter(key -> !read.contains(key)).findFirst();
        if (unknown.isPresent()) {
            throw new ConfigException(unknown.get(), "unknown key; known keys are " + read);
        }
    }

    private <T> T parse(String key, T fallback, Function<String, T> parser, Predicate<T> valid, String rule) {
        String value = string(key, null);
        if (value == null) {
            return fallback;
        }
        T parsed = parser.apply(value);
        if (!valid.test(parsed)) {
            throw new ConfigException(key, rule + ", was '" + value + "'");
        }
        return parsed;
    }

    private static Duration parseDuration(String key, String value) {
        if (value.equals("0")) {
            return Duration.ZERO;
        }
        Matcher matcher = SHORT_DURATION.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new ConfigException(key, "must be a duration like 250ms, 30s, 5m, 24h or PT24H, was '" + value + "'");
        }
    }
}
