package dev.courier.gateway.route;

/** Where a command field that is not in the body gets its value. */
public sealed interface FieldSource {

    /** The request id: makes a creation's new id the same on every retry of one idempotent request. */
    record RequestId() implements FieldSource {
    }

    /** A path parameter. */
    record PathParameter(String name) implements FieldSource {
    }

    /** A query parameter; absent means the field's default. */
    record QueryParameter(String name) implements FieldSource {
    }

    /** Parses {@code request-id}, {@code path:<name>} or {@code query:<name>}. */
    static FieldSource parse(String text) {
        if ("request-id".equals(text)) {
            return new RequestId();
        }
        if (text != null && text.startsWith("path:") && text.length() > 5) {
            return new PathParameter(text.substring(5));
        }
        if (text != null && text.startsWith("query:") && text.length() > 6) {
            return new QueryParameter(text.substring(6));
        }
        throw new IllegalArgumentException("must be request-id, path:<name> or query:<name>, was '" + text + "'");
    }
}
