package dev.courier.gateway.route;

import dev.courier.reply.Reply;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.Schema;

/**
 * What an OK reply can carry, by simple name: the records of its {@code payload} and {@code view}
 * unions. A route names one with {@code response:} ({@code none}: no body, 204), so its
 * description says exactly what it answers.
 */
public final class ReplyResults {

    /** A route whose OK reply carries nothing: answered 204. */
    public static final String NONE = "none";

    private static final Map<String, Schema> BY_NAME = byName();

    private ReplyResults() {
    }

    public static Optional<Schema> named(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static List<Schema> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static List<String> names() {
        return List.copyOf(BY_NAME.keySet());
    }

    private static Map<String, Schema> byName() {
        Map<String, Schema> results = new LinkedHashMap<>();
        for (String field : List.of("payload", "view")) {
            Reply.getClassSchema().getField(field).schema().getTypes().stream()
                    .filter(type -> type.getType() == Schema.Type.RECORD)
                    .forEach(type -> results.put(type.getName(), type));
        }
        return results;
    }
}
