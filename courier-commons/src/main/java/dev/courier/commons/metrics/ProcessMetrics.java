package dev.courier.commons.metrics;

import dev.courier.commons.management.HealthCheck;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.MultiCollector;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * The metrics of one Courier process, for Prometheus: every meter tagged {@code application=<process>},
 * with the JVM's memory, GC, threads and class loading, CPU, uptime and file descriptors bound from
 * the start, and Kafka clients bound as the process creates them. When metrics are switched off
 * ({@code metrics.enabled=false}, to measure what they cost) meters are recorded nowhere and there is
 * nothing to scrape.
 */
public final class ProcessMetrics implements AutoCloseable {

    /** Latency histogram buckets from 1 ms to 10 s: few enough to keep every label set small. */
    public static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5), Duration.ofMillis(10),
        Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};

    private static final ExpositionFormats FORMATS = ExpositionFormats.init();

    private final MeterRegistry registry;
    private final Optional<PrometheusMeterRegistry> prometheus;
    private final JvmGcMetrics gc;

    private ProcessMetrics(MeterRegistry registry, Optional<PrometheusMeterRegistry> prometheus, JvmGcMetrics gc) {
        this.registry = registry;
        this.prometheus = prometheus;
        this.gc = gc;
    }

    /** @param process the process's name, e.g. {@code blog-service}: the {@code application} tag of every meter */
    public static ProcessMetrics create(String process, boolean enabled) {
        if (!enabled) {
            return new ProcessMetrics(new CompositeMeterRegistry(), Optional.empty(), null);
        }
        PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        prometheus.config().commonTags(List.of(Tag.of("application", process)));
        new ClassLoaderMetrics().bindTo(prometheus);
        new JvmMemoryMetrics().bindTo(prometheus);
        new JvmThreadMetrics().bindTo(prometheus);
        new ProcessorMetrics().bindTo(prometheus);
        new UptimeMetrics().bindTo(prometheus);
        new FileDescriptorMetrics().bindTo(prometheus);
        JvmGcMetrics gc = new JvmGcMetrics();
        gc.bindTo(prometheus);
        return new ProcessMetrics(prometheus, Optional.of(prometheus), gc);
    }

    /** Where the process's own meters go. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Adds metrics a process computes as a whole on each scrape (the lag monitor's); nothing when metrics are off. */
    public void register(MultiCollector collector) {
        prometheus.ifPresent(registry -> registry.getPrometheusRegistry().register(collector));
    }

    /**
     * {@code courier_health_check_up{check}}: 1 while a readiness check passes, 0 while it fails, so
     * an alert sees a process that is up but not ready, and which check holds it back.
     */
    public void health(List<HealthCheck> checks) {
        for (HealthCheck check : checks) {
            Gauge.builder("courier.health.check.up", check.up(), up -> up.getAsBoolean() ? 1 : 0)
                    .description("1 while the readiness check passes, 0 while it fails").tag("check", check.name())
                    .strongReference(true).register(registry);
        }
    }

    /** Binds a Kafka client's own metrics; close the result before the client. */
    public AutoCloseable bind(Producer<?, ?> producer) {
        return bind(new KafkaClientMetrics(producer));
    }

    public AutoCloseable bind(Consumer<?, ?> consumer) {
        return bind(new KafkaClientMetrics(consumer));
    }

    public AutoCloseable bind(AdminClient admin) {
        return bind(new KafkaClientMetrics(admin));
    }

    /**
     * The exposition for a scraper's {@code Accept} header: OpenMetrics when it asks for it, the
     * Prometheus text format otherwise; empty when metrics are off.
     */
    public Optional<Exposition> scrape(String accept) {
        return prometheus.map(registry -> {
            ExpositionFormatWriter writer = FORMATS.findWriter(accept);
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
            try {
                writer.write(out, registry.getPrometheusRegistry().scrape());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Exposition(writer.getContentType(), out.toByteArray());
        });
    }

    @Override
    public void close() {
        if (gc != null) {
            gc.close();
        }
        registry.close();
    }

    /** Binds a Kafka Streams client's metrics; close the result before the client. */
    public AutoCloseable bind(KafkaStreamsMetrics metrics) {
        return bind(metrics, metrics);
    }

    private AutoCloseable bind(KafkaClientMetrics metrics) {
        return bind(metrics, metrics);
    }

    private AutoCloseable bind(MeterBinder metrics, AutoCloseable binding) {
        if (prometheus.isEmpty()) {
            return () -> { };
        }
        metrics.bindTo(registry);
        return binding;
    }

    /** A scrape's body and the content type it is written in. */
    public record Exposition(String contentType, byte[] body) {
    }
}
