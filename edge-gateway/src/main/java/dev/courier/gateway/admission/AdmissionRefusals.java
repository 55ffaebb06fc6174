package dev.courier.gateway.admission;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code courier_admission_refusals_total{route, reason}}: requests refused at admission, by why:
 * {@code overloaded}, {@code no-reply-partition}, {@code no-consumer}, {@code consumer-lag}.
 */
public final class AdmissionRefusals {

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public AdmissionRefusals(MeterRegistry registry) {
        this.registry = registry;
    }

    public void refused(String route, String reason) {
        counters.computeIfAbsent(route + ' ' + reason, any -> Counter.builder("courier.admission.refusals")
                .description("Requests refused at admission, by route and reason")
                .tag("route", route).tag("reason", reason).register(registry)).increment();
    }
}
