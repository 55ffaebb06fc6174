package dev.courier.gateway.http;

import dev.courier.commons.metrics.ProcessMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code http_server_requests_seconds{route, method, status}}: every answered request, by the name of
 * the route that answered it (never the raw path), a known method or {@code OTHER}, and the status,
 * with latency buckets from 1 ms to 10 s, so every label set stays small and bounded.
 */
public final class HttpMetrics {

    /** Records nothing, for the rare exchange that began before metrics could be attached. */
    static final HttpMetrics NONE = new HttpMetrics(new CompositeMeterRegistry());

    /** The route label of a request no route matched. */
    public static final String UNMATCHED = "unmatched";

    private static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(String route, String method, int status, long nanos) {
        String knownMethod = METHODS.contains(method) ? method : "OTHER";
        timers.computeIfAbsent(route + ' ' + knownMethod + ' ' + status, any -> Timer.builder("http.server.requests")
                .description("HTTP requests answered, by route, method and status")
                .tag("route", route).tag("method", knownMethod).tag("status", Integer.toString(status))
                .serviceLevelObjectives(ProcessMetrics.LATENCY_BUCKETS)
                .register(registry)).record(Duration.ofNanos(nanos));
    }
}
