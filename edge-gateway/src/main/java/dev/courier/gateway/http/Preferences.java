package dev.courier.gateway.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * RFC 7240 preferences the gateway honours: {@code respond-async}, and {@code wait=N} (seconds)
 * which can only shorten the route's own deadline. Unknown preferences are ignored, as the RFC asks.
 */
public record Preferences(boolean respondAsync, Optional<Duration> requestedWait) {

    public static Preferences parse(List<String> headers) {
        boolean async = false;
        Optional<Duration> wait = Optional.empty();
        for (String header : headers) {
            for (String preference : header.split(",")) {
                String token = preference.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
                if (token.equals("respond-async")) {
                    async = true;
                } else if (token.startsWith("wait=")) {
                    try {
                        long seconds = Long.parseLong(token.substring(5).trim().replace("\"", ""));
                        if (seconds >= 0) {
                            wait = Optional.of(Duration.ofSeconds(seconds));
                        }
                    } catch (NumberFormatException e) {
                        // a malformed preference is ignored like an unknown one
                    }
                }
            }
        }
        return new Preferences(async, wait);
    }

    /** How long a synchronous request waits: the route's timeout, shortened by {@code wait}. */
    public Duration deadline(Duration routeTimeout) {
        return requestedWait.filter(requested -> requested.compareTo(routeTimeout) < 0).orElse(routeTimeout);
    }
}
