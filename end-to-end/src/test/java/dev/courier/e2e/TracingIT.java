package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.commons.tracing.Tracing;
import dev.courier.gateway.Gateway;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisEndpoint;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * One request's trace, from the client's {@code traceparent} through the gateway, Kafka, the blog
 * service and the reply back into the gateway, with every span recorded by an in-memory exporter.
 */
@ExtendWith(InfraExtension.class)
class TracingIT {

    private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
    private static final String CLIENT_SPAN = "b7ad6b7169203331";

    @Test
    void shouldCarryOneTraceFromTheClientThroughGatewayKafkaServiceAndReplyBack(KafkaEndpoint kafka, RedisEndpoint redis,
                                                                               @TempDir Path dir) {
        InMemorySpanExporter exported = InMemorySpanExporter.create();
        try (Stack stack = Stack.start(kafka, redis, dir)) {
            stack.restartBlog(Tracing.exportingTo("blog-service", exported));
            Gateway gateway = stack.gateway("tracing-gw", Map.of(), Tracing.exportingTo("edge-gateway", exported));
            try {
                Http http = new Http(gateway.port());
                String token = http.token("demo", Stack.DEMO_SECRET);

                // when
                Http.Response created = http.request("POST", "/posts").bearer(token).header("traceparent", "00-" + TRACE + "-" + CLIENT_SPAN + "-01")
                        .json("{\"title\":\"traced\",\"content\":\"x\"}").send();

                // then
                assertThat(created.status()).isEqualTo(201);
                Await.until("the request's spans", Duration.ofSeconds(30), () -> spans(exported).containsKey("POST create-post")
                        && spans(exported).containsKey("receive reply"), () -> spans(exported).keySet().toString());
                Map<String, SpanData> spans = spans(exported);
                assertThat(spans.keySet()).contains("POST create-post", "authenticate", "produce " + stack.blogCommands(), "wait for reply",
                        "process CreatePost", "decide", "redis write", "reply", "receive reply", "reply received");
                assertThat(spans.values()).as("one trace").allSatisfy(span -> assertThat(span.getTraceId()).isEqualTo(TRACE));
                SpanData server = spans.get("POST create-post");
                assertThat(server.getParentSpanId()).as("the client's span continues").isEqualTo(CLIENT_SPAN);
                assertThat(server.getResource().getAttributes().asMap().values()).contains("edge-gateway");
                SpanData produce = spans.get("produce " + stack.blogCommands());
                assertThat(List.of(spans.get("authenticate"), produce, spans.get("wait for reply")))
                        .allSatisfy(span -> assertThat(span.getParentSpanId()).isEqualTo(server.getSpanId()));
                SpanData process = spans.get("process CreatePost");
                assertThat(process.getParentSpanId()).as("the service continues from the Kafka header").isEqualTo(produce.getSpanId());
                assertThat(process.getResource().getAttributes().asMap().values()).contains("blog-service");
                assertThat(spans.get("receive reply").getParentSpanId()).as("the reply leads back to the gateway")
                        .isEqualTo(spans.get("reply").getSpanId());
                SpanData received = spans.get("reply received");
                assertThat(received.getParentSpanId()).isEqualTo(server.getSpanId());
                assertThat(received.getLinks()).as("the reply's span links back").singleElement()
                        .satisfies(link -> assertThat(link.getSpanContext().getSpanId()).isEqualTo(spans.get("reply").getSpanId()));
            } finally {
                gateway.close();
            }
        }
    }

    /** The finished spans of the trace, by name (the token request's are of another trace). */
    private static Map<String, SpanData> spans(InMemorySpanExporter exported) {
        return exported.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(TRACE))
                .collect(Collectors.toMap(SpanData::getName, Function.identity(), (first, second) -> first));
    }
}
