package dev.courier.schemas.json;

/**
 * Bounds on a JSON document read from outside, so a hostile body costs little.
 *
 * @param maxDepth deepest nesting of arrays and objects
 * @param maxStringLength longest string value, in characters, before field-level limits apply
 */
public record JsonLimits(int maxDepth, int maxStringLength) {

    /** Generous for commands, tight against abuse. */
    public static final JsonLimits DEFAULT = new JsonLimits(32, 1_000_000);

    public JsonLimits {
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
        }
        if (maxStringLength < 1) {
            throw new IllegalArgumentException("maxStringLength must be at least 1, was " + maxStringLength);
        }
    }
}
