package dev.courier.gateway.config;

/**
 * Compressing responses for clients that accept it: gzip and deflate (and zstd when its native
 * library loads), only for bodies of at least {@code minBytes}, where the bytes saved outweigh
 * the time spent.
 *
 * @param level 1 (fastest) to 9 (smallest), for gzip and deflate
 */
public record ResponseCompression(boolean enabled, int minBytes, int level) {
}
