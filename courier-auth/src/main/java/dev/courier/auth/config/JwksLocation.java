package dev.courier.auth.config;

import java.net.URI;
import java.nio.file.Path;

/** Where the keys that verify a trusted issuer's tokens come from. */
public sealed interface JwksLocation {

    /** Keys of an outside issuer. */
    sealed interface External extends JwksLocation {
    }

    /** Fetched over HTTP, cached, refetched on an unknown {@code kid} at most once per interval. */
    record Url(URI uri) implements External {
    }

    /** A JWKS file read once at start. */
    record File(Path path) implements External {
    }
}
