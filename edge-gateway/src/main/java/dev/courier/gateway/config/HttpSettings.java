package dev.courier.gateway.config;

import static dev.courier.gateway.config.GatewayConfig.HTTP_COMPRESSION_ENABLED;
import static dev.courier.gateway.config.GatewayConfig.HTTP_COMPRESSION_LEVEL;
import static dev.courier.gateway.config.GatewayConfig.HTTP_COMPRESSION_MIN_BYTES;
import static dev.courier.gateway.config.GatewayConfig.HTTP_DRAIN_GRACE;
import static dev.courier.gateway.config.GatewayConfig.HTTP_EVENT_LOOPS;
import static dev.courier.gateway.config.GatewayConfig.HTTP_HOST;
import static dev.courier.gateway.config.GatewayConfig.HTTP_IDLE_TIMEOUT;
import static dev.courier.gateway.config.GatewayConfig.HTTP_MAX_BODY;
import static dev.courier.gateway.config.GatewayConfig.HTTP_MAX_HEADER;
import static dev.courier.gateway.config.GatewayConfig.HTTP_MAX_JSON_DEPTH;
import static dev.courier.gateway.config.GatewayConfig.HTTP_MAX_PENDING;
import static dev.courier.gateway.config.GatewayConfig.HTTP_PORT;
import static dev.courier.gateway.config.GatewayConfig.HTTP_PUBLIC_URL;

import dev.courier.commons.config.ConfigValues;
import java.net.URI;
import java.time.Duration;

/**
 * @param port 0 picks a free port (tests)
 * @param publicUrl how clients reach the gateway: the issuer, discovery document and {@code Location}s use it
 * @param maxPending the most requests the gateway has admitted and not answered yet, all loops together; beyond it new ones get 503
 * @param eventLoops how many event loops serve HTTP, each with its own connections and pending replies
 * @param compression which responses are compressed
 * @param drainGrace how long a stopping gateway keeps its port open answering 503 before it closes it, however
 *                   soon its last reply came: requests a client had already sent get an answer, not a reset
 */
public record HttpSettings(String host, int port, URI publicUrl, int maxBodyBytes, int maxHeaderBytes, int maxJsonDepth,
                           Duration idleTimeout, int maxPending, int eventLoops, ResponseCompression compression,
                           Duration drainGrace) {

    static HttpSettings read(ConfigValues values) {
        String host = values.string(HTTP_HOST, "127.0.0.1");
        int port = values.integer(HTTP_PORT, 8080, 0, 65_535);
        String publicUrl = values.string(HTTP_PUBLIC_URL, "http://" + host + ":" + port);
        return new HttpSettings(host, port, ConfigValues.httpUrl(HTTP_PUBLIC_URL, publicUrl),
                values.integer(HTTP_MAX_BODY, 64 * 1024, 1024, 16 * 1024 * 1024),
                values.integer(HTTP_MAX_HEADER, 8 * 1024, 1024, 64 * 1024),
                values.integer(HTTP_MAX_JSON_DEPTH, 16, 2, 256),
                values.duration(HTTP_IDLE_TIMEOUT, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofHours(1)),
                values.integer(HTTP_MAX_PENDING, 10_000, 1, 1_000_000),
                values.integer(HTTP_EVENT_LOOPS, Runtime.getRuntime().availableProcessors(), 1, 256),
                new ResponseCompression(values.bool(HTTP_COMPRESSION_ENABLED, true),
                        values.integer(HTTP_COMPRESSION_MIN_BYTES, 1024, 0, 16 * 1024 * 1024),
                        values.integer(HTTP_COMPRESSION_LEVEL, 4, 1, 9)),
                values.duration(HTTP_DRAIN_GRACE, Duration.ofMillis(500), Duration.ZERO, Duration.ofMinutes(5)));
    }
}
