package dev.courier.gateway.route;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A path such as {@code /users/{id}/posts}: literal segments match exactly, {@code {name}} segments
 * match one non-empty segment and capture it (percent-decoded).
 */
public final class PathTemplate {

    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=:@-]+");
    private static final Pattern PARAMETER = Pattern.compile("\\{([A-Za-z][A-Za-z0-9_]*)}");

    private final String text;
    private final List<String> segments;
    private final List<String> parameters;

    private PathTemplate(String text, List<String> segments, List<String> parameters) {
        this.text = text;
        this.segments = segments;
        this.parameters = parameters;
    }

    /** Parses a template; the message of the exception says what is wrong with it. */
    public static PathTemplate parse(String text) {
        if (text == null || !text.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/', was '" + text + "'");
        }
        List<String> segments = new ArrayList<>();
        List<String> parameters = new ArrayList<>();
        for (String segment : split(text)) {
            var parameter = PARAMETER.matcher(segment);
            if (parameter.matches()) {
                if (parameters.contains(parameter.group(1))) {
                    throw new IllegalArgumentException("parameter {" + parameter.group(1) + "} appears twice in '" + text + "'");
                }
                parameters.add(parameter.group(1));
            } else if (!LITERAL.matcher(segment).matches()) {
                throw new IllegalArgumentException("segment '" + segment + "' of '" + text + "' is neither a literal nor {name}");
            }
            segments.add(segment);
        }
        return new PathTemplate(text, List.copyOf(segments), List.copyOf(parameters));
    }

    /** The captured parameters when the (raw, undecoded) path matches. */
    public Optional<Map<String, String>> match(String path) {
        List<String> actual = split(path);
        if (actual.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> captured = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String segment = actual.get(i);
            if (expected.startsWith("{")) {
                String value = PercentDecoding.decode(segment);
                if (value == null || value.isEmpty()) {
                    return Optional.empty();
                }
                captured.put(expected.substring(1, expected.length() - 1), value);
            } else if (!expected.equals(segment)) {
                return Optional.empty();
            }
        }
        return Optional.of(captured);
    }

    public List<String> parameters() {
        return parameters;
    }

    @Override
    public String toString() {
        return text;
    }

    private static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        int start = 1;
        while (start <= path.length()) {
            int end = path.indexOf('/', start);
            if (end < 0) {
                end = path.length();
            }
            parts.add(path.substring(start, end));
            start = end + 1;
        }
        if (parts.size() == 1 && parts.get(0).isEmpty()) {
            return List.of();
        }
        return parts;
    }
}
