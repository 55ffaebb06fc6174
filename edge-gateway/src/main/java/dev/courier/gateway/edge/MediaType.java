package dev.courier.gateway.edge;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A media type parsed as RFC 9110 section 8.3.1 writes it: {@code type/subtype} and parameters, type,
 * subtype and parameter names case-insensitive. Parsed, never prefix-matched: {@code
 * application/jsonx} is not JSON, and a repeated parameter makes the whole value invalid.
 */
public record MediaType(String type, String subtype, Map<String, String> parameters) {

    private static final String TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
    private static final Pattern TYPE = Pattern.compile("(" + TOKEN + ")/(" + TOKEN + ")");
    // RFC 9110 allows empty parameters ("text/plain;;charset=utf-8").
    private static final Pattern PARAMETER = Pattern.compile("[ \\t]*;[ \\t]*(?:(" + TOKEN + ")=(" + TOKEN + "|\"((?:[^\"\\\\]|\\\\.)*)\"))?");

    public MediaType {
        parameters = Map.copyOf(parameters);
    }

    /** The media type of a header value, or empty when it is not one. */
    public static Optional<MediaType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String value = text.strip();
        Matcher type = TYPE.matcher(value);
        if (!type.lookingAt()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        Matcher parameter = PARAMETER.matcher(value);
        int at = type.end();
        while (at < value.length()) {
            parameter.region(at, value.length());
            if (!parameter.lookingAt()) {
                return Optional.empty();
            }
            at = parameter.end();
            if (parameter.group(1) == null) {
                continue;
            }
            String name = parameter.group(1).toLowerCase(Locale.ROOT);
            String parameterValue = parameter.group(3) != null ? parameter.group(3).replaceAll("\\\\(.)", "$1") : parameter.group(2);
            if (parameters.put(name, parameterValue) != null) {
                return Optional.empty();
            }
        }
        return Optional.of(new MediaType(type.group(1).toLowerCase(Locale.ROOT), type.group(2).toLowerCase(Locale.ROOT), parameters));
    }

    /** {@code application/json} or any {@code application/*+json} (RFC 6839). */
    public boolean isJson() {
        return type.equals("application") && (subtype.equals("json") || subtype.endsWith("+json"));
    }

    public boolean is(String type, String subtype) {
        return this.type.equals(type) && this.subtype.equals(subtype);
    }

    /** Whether the charset parameter, if any, names UTF-8. */
    public boolean isUtf8OrUnspecified() {
        String charset = parameters.get("charset");
        return charset == null || charset.equalsIgnoreCase("utf-8") || charset.equalsIgnoreCase("utf8");
    }
}
