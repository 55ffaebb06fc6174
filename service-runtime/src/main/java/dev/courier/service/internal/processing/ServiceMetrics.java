package dev.courier.service.internal.processing;

import dev.courier.commons.metrics.ProcessMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a service counts, with bounded labels: commands by type and outcome
 * ({@code courier_commands_total}), dead letters by error class ({@code courier_dead_letters_total}),
 * and each batch's size and duration ({@code courier_batch_size}, {@code courier_batch_duration_seconds}).
 */
public final class ServiceMetrics {

    /** The outcome of a redelivered command answered from its stored outcome. */
    public static final String REDELIVERED = "REDELIVERED";

    private final MeterRegistry registry;
    private final DistributionSummary batchSize;
    private final Timer batchDuration;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public ServiceMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.batchSize = DistributionSummary.builder("courier.batch.size").description("Records in one polled batch")
                .baseUnit("records").serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 5000).register(registry);
        this.batchDuration = Timer.builder("courier.batch.duration").description("From poll to commit of one batch")
                .serviceLevelObjectives(ProcessMetrics.LATENCY_BUCKETS).register(registry);
    }

    /** A command answered; {@code type} is the command's schema name, {@code outcome} a reply outcome or {@link #REDELIVERED}. */
    public void command(String type, String outcome) {
        counters.computeIfAbsent("c|" + type + "|" + outcome, any -> Counter.builder("courier.commands")
                .description("Commands answered, by type and outcome").tag("type", type).tag("outcome", outcome).register(registry))
                .increment();
    }

    /** A record sent to the dead-letter topic. */
    public void deadLetter(String errorClass) {
        counters.computeIfAbsent("d|" + errorClass, any -> Counter.builder("courier.dead.letters")
                .description("Records sent to the dead-letter topic, by error class").tag("error_class", errorClass).register(registry))
                .increment();
    }

    public void batch(int size, long nanos) {
        batchSize.record(size);
        batchDuration.record(Duration.ofNanos(nanos));
    }
}
