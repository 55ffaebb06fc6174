package dev.courier.commons.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One process's OpenTelemetry: W3C trace context, spans sent over OTLP/HTTP to the configured
 * endpoint ({@value #OTLP_ENDPOINT}, off when unset: then no span is even made). The spans of a
 * request continue the caller's {@code traceparent} and go on through Kafka's headers.
 */
public final class Tracing implements AutoCloseable {

    /** The one key that turns tracing on: the collector's OTLP/HTTP base URL, e.g. {@code http://127.0.0.1:4318}. */
    public static final String OTLP_ENDPOINT = "tracing.otlp.endpoint";
    private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

    private final OpenTelemetry openTelemetry;
    private final SdkTracerProvider provider;

    private Tracing(OpenTelemetry openTelemetry, SdkTracerProvider provider) {
        this.openTelemetry = openTelemetry;
        this.provider = provider;
    }

    /** No spans at all. */
    public static Tracing off() {
        return new Tracing(OpenTelemetry.noop(), null);
    }

    /** Spans of {@code service} batched to the OTLP endpoint, or none without one. */
    public static Tracing of(String service, Optional<URI> otlpEndpoint) {
        return otlpEndpoint.map(endpoint -> with(service, BatchSpanProcessor.builder(OtlpHttpSpanExporter.builder()
                .setEndpoint(endpoint.toString().replaceAll("/$", "") + "/v1/traces").build()).build())).orElseGet(Tracing::off);
    }

    /** Every span of {@code service} handed to {@code exporter} as it ends (tests, with an in-memory exporter). */
    public static Tracing exportingTo(String service, SpanExporter exporter) {
        return with(service, SimpleSpanProcessor.create(exporter));
    }

    private static Tracing with(String service, SpanProcessor processor) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(Resource.create(Attributes.of(SERVICE_NAME, service))))
                .addSpanProcessor(processor)
                .build();
        OpenTelemetry sdk = OpenTelemetrySdk.builder().setTracerProvider(provider).build();
        return new Tracing(sdk, provider);
    }

    public Tracer tracer(String scope) {
        return openTelemetry.getTracer(scope);
    }

    /** Sends what is still buffered, then stops. */
    @Override
    public void close() {
        if (provider != null) {
            provider.shutdown().join(10, TimeUnit.SECONDS);
        }
    }
}
