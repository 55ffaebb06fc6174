package dev.courier.gateway.issuer;

import dev.courier.schemas.json.Utf8;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * An {@code application/x-www-form-urlencoded} body read strictly (WHATWG URL's form rules, RFC 6749
 * section 3.2): {@code +} is a space, escapes must be whole and decode to UTF-8, and a parameter
 * given twice makes the request invalid rather than letting the first or last one win.
 */
public final class FormBody {

    /** The parameters, or why the body is not a valid form. */
    public sealed interface Parsed {
    }

    public record Form(Map<String, String> parameters) implements Parsed {
        public Form {
            parameters = Map.copyOf(parameters);
        }

        public Optional<String> get(String name) {
            return Optional.ofNullable(parameters.get(name));
        }

        /** Names only: a form may hold a client secret. */
        @Override
        public String toString() {
            return "Form" + new TreeSet<>(parameters.keySet());
        }
    }

    public record Invalid(String reason) implements Parsed {
    }

    private FormBody() {
    }

    public static Parsed parse(String body) {
        Map<String, String> parameters = new HashMap<>();
        if (body == null || body.isEmpty()) {
            return new Form(parameters);
        }
        for (String pair : body.split("&", -1)) {
            if (pair.isEmpty()) {
                return new Invalid("the form has an empty parameter");
            }
            int equals = pair.indexOf('=');
            Optional<String> name = decode(equals < 0 ? pair : pair.substring(0, equals));
            Optional<String> value = decode(equals < 0 ? "" : pair.substring(equals + 1));
            if (name.isEmpty() || value.isEmpty()) {
                return new Invalid("the form has a broken %-escape or is not UTF-8");
            }
            if (parameters.put(name.get(), value.get()) != null) {
                return new Invalid("the parameter " + printable(name.get()) + " is given more than once");
            }
        }
        return new Form(parameters);
    }

    /** Decodes one name or value; empty when an escape is broken or the bytes are not UTF-8. */
    public static Optional<String> decode(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '+') {
                bytes.write(' ');
            } else if (c == '%') {
                if (i + 2 >= text.length()) {
                    return Optional.empty();
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return Optional.empty();
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c > 0x7f) {
                return Optional.empty();
            } else {
                bytes.write(c);
            }
        }
        byte[] raw = bytes.toByteArray();
        return Utf8.firstInvalidByte(raw).isPresent() ? Optional.empty() : Optional.of(new String(raw, StandardCharsets.UTF_8));
    }

    private static String printable(String name) {
        String safe = name.replaceAll("[^\\x21-\\x7e]", "?");
        return safe.length() > 40 ? safe.substring(0, 40) + "..." : safe;
    }
}
