package dev.courier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FramingGuardTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicBoolean draining = new AtomicBoolean();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EmbeddedChannel channel = new EmbeddedChannel(new FramingGuard(draining::get, new EdgeRefusals(registry)));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldPassAWellFramedRequestAndItsBodyOn() {
        HttpRequest request = request(HttpMethod.POST, "/posts", "Host", "h", "Content-Length", "2");
        HttpContent body = new DefaultHttpContent(Unpooled.copiedBuffer("{}", StandardCharsets.UTF_8));

        channel.writeInbound(request, body, LastHttpContent.EMPTY_LAST_CONTENT);

        assertThat(inbound()).isSameAs(request);
        assertThat(inbound()).isSameAs(body);
        assertThat(inbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(channel.outboundMessages()).isEmpty();
        assertThat(channel.isOpen()).isTrue();
        body.release();
    }

    @Test
    void shouldAnswerARefusedRequestItselfWithAProblemAndCloseTheConnection() throws IOException {
        channel.writeInbound(request(HttpMethod.POST, "/posts", "Host", "a", "Host", "b"));

        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(400);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.headers().get("Connection")).isEqualTo("close");
        assertThat(response.headers().get("X-Request-Id")).isNotBlank();
        assertThat(response.headers().contains("Retry-After")).isFalse();
        JsonNode problem = JSON.readTree(response.content().toString(StandardCharsets.UTF_8));
        assertThat(problem.get("type").asText()).isEqualTo("urn:courier:problem:malformed-request");
        assertThat(problem.get("status").asInt()).isEqualTo(400);
        assertThat(problem.get("title").asText()).isEqualTo("Bad Request");
        assertThat(problem.get("detail").asText()).isEqualTo("the host header appears more than once");
        assertThat(problem.get("requestId").asText()).isEqualTo(response.headers().get("X-Request-Id"));
        assertThat(problem.has("instance")).as("the refused target is never echoed").isFalse();
        assertThat(response.headers().getInt("Content-Length")).isEqualTo(response.content().readableBytes());
        assertThat(inbound()).as("no handler sees it").isNull();
        assertThat(channel.isOpen()).isFalse();
        response.release();
    }

    @Test
    void shouldCountRefusalsByStatusAndType() {
        channel.writeInbound(request(HttpMethod.GET, "/posts", "Host", "h", "Expect", "200-ok"));

        assertThat(registry.get("courier.edge.refusals").tag("status", "417").tag("type", "expectation-failed").counter().count())
                .isEqualTo(1.0);
        ((FullHttpResponse) channel.readOutbound()).release();
    }

    @Test
    void shouldDropEveryByteThatFollowsARefusedRequestWhileEarlierOnesAreStillBeingAnswered() {
        channel.writeInbound(request(HttpMethod.GET, "/posts/1", "Host", "h"),
                request(HttpMethod.POST, "/posts", "Host", "h", "Transfer-Encoding", "gzip"));
        assertThat(inbound()).isInstanceOf(HttpRequest.class);
        HttpContent smuggled = new DefaultHttpContent(Unpooled.copiedBuffer("GET /admin HTTP/1.1", StandardCharsets.US_ASCII));

        channel.writeInbound(smuggled);

        assertThat(inbound()).isNull();
        assertThat(smuggled.refCnt()).as("released, never passed on").isZero();
        assertThat(channel.isOpen()).isTrue();
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        ((FullHttpResponse) channel.readOutbound()).release();
        FullHttpResponse refusal = channel.readOutbound();
        assertThat(refusal.status().code()).isEqualTo(501);
        assertThat(channel.isOpen()).isFalse();
        refusal.release();
    }

    @Test
    void shouldAnswerPipelinedRequestsBeforeTheRefusedOneInOrder() {
        HttpRequest first = request(HttpMethod.GET, "/posts/1", "Host", "h");
        channel.writeInbound(first, LastHttpContent.EMPTY_LAST_CONTENT, request(HttpMethod.GET, "/posts/%zz", "Host", "h"));
        assertThat(inbound()).isSameAs(first);
        assertThat(inbound()).isSameAs(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(channel.outboundMessages()).as("the refusal waits for the first answer").isEmpty();

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));

        FullHttpResponse answer = channel.readOutbound();
        FullHttpResponse refusal = channel.readOutbound();
        assertThat(answer.status().code()).isEqualTo(200);
        assertThat(refusal.status().code()).isEqualTo(400);
        assertThat(channel.isOpen()).isFalse();
        answer.release();
        refusal.release();
    }

    @Test
    void shouldNotCountAnInterimResponseAsTheAnswer() {
        HttpRequest first = request(HttpMethod.POST, "/posts", "Host", "h", "Expect", "100-continue");
        channel.writeInbound(first, request(HttpMethod.GET, "/posts/%zz", "Host", "h"));
        channel.readInbound();

        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));

        FullHttpResponse interim = channel.readOutbound();
        assertThat(interim.status().code()).isEqualTo(100);
        assertThat(channel.outboundMessages()).as("the first request is still unanswered").isEmpty();
        assertThat(channel.isOpen()).isTrue();
        interim.release();
    }

    @Test
    void shouldGiveAHeadRequestTheLengthOfTheProblemButNoBody() {
        channel.writeInbound(request(HttpMethod.HEAD, "/posts", "Host", "a", "Host", "b"));

        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(400);
        assertThat(response.content().readableBytes()).isZero();
        assertThat(response.headers().getInt("Content-Length")).isPositive();
        response.release();
    }

    @Test
    void shouldAnswerADecoderFailureWithItsStatus() {
        HttpRequest tooLong = request(HttpMethod.GET, "/bad-request", "Host", "h");
        tooLong.setDecoderResult(DecoderResult.failure(new TooLongHttpLineException("line too long")));

        channel.writeInbound(tooLong);

        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(414);
        assertThat(channel.isOpen()).isFalse();
        response.release();
    }

    @Test
    void shouldAnswerForAPassedRequestWhoseBodyCannotBeDecoded() {
        HttpRequest request = request(HttpMethod.POST, "/posts", "Host", "h", "Transfer-Encoding", "chunked");
        channel.writeInbound(request);
        assertThat(inbound()).isSameAs(request);
        HttpContent broken = new DefaultHttpContent(Unpooled.EMPTY_BUFFER);
        broken.setDecoderResult(DecoderResult.failure(new NumberFormatException("invalid chunk size")));

        channel.writeInbound(broken);

        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(400);
        assertThat(response.content().toString(StandardCharsets.UTF_8)).contains("invalid chunk size");
        assertThat(inbound()).isNull();
        assertThat(channel.isOpen()).isFalse();
        response.release();
    }

    @Test
    void shouldOnlyCloseWhenABrokenBodyFollowsARequestAlreadyAnswered() {
        channel.writeInbound(request(HttpMethod.POST, "/posts", "Host", "h", "Transfer-Encoding", "chunked"));
        channel.readInbound();
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CREATED));
        ((FullHttpResponse) channel.readOutbound()).release();
        HttpContent broken = new DefaultHttpContent(Unpooled.EMPTY_BUFFER);
        broken.setDecoderResult(DecoderResult.failure(new NumberFormatException("invalid chunk size")));

        channel.writeInbound(broken);

        assertThat(channel.isOpen()).isFalse();
        assertThat(channel.outboundMessages()).allSatisfy(written -> assertThat(written).isNotInstanceOf(FullHttpResponse.class));
        assertThat(registry.find("courier.edge.refusals").counters()).isEmpty();
    }

    @Test
    void shouldAnswer503WithRetryAfterToEveryRequestButHealthProbesWhileDraining() throws IOException {
        draining.set(true);
        HttpRequest probe = request(HttpMethod.GET, "/health/ready", "Host", "h");
        channel.writeInbound(probe);
        assertThat(inbound()).isSameAs(probe);
        channel.writeOutbound(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK));
        ((FullHttpResponse) channel.readOutbound()).release();

        channel.writeInbound(request(HttpMethod.GET, "/posts/1", "Host", "h"));

        FullHttpResponse response = channel.readOutbound();
        assertThat(response.status().code()).isEqualTo(503);
        assertThat(response.headers().get("Retry-After")).isEqualTo("1");
        assertThat(JSON.readTree(response.content().toString(StandardCharsets.UTF_8)).get("type").asText())
                .isEqualTo("urn:courier:problem:shutting-down");
        assertThat(channel.isOpen()).isFalse();
        response.release();
    }

    @Test
    void shouldStopReadingAndCloseOnceAResponseSaysConnectionClose() {
        HttpRequest request = request(HttpMethod.POST, "/posts", "Host", "h", "Content-Length", "100000");
        channel.writeInbound(request);
        channel.readInbound();
        DefaultHttpResponse tooLarge = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);
        tooLarge.headers().set("Connection", "close");

        channel.writeOutbound(tooLarge);
        HttpContent rest = new DefaultHttpContent(Unpooled.copiedBuffer("more body", StandardCharsets.US_ASCII));
        channel.writeInbound(rest);

        assertThat(inbound()).as("the rest of the body is never read").isNull();
        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(channel.isOpen()).as("open until the response ends").isTrue();
        channel.writeOutbound(LastHttpContent.EMPTY_LAST_CONTENT);
        assertThat(channel.isOpen()).isFalse();
    }

    private Object inbound() {
        return channel.readInbound();
    }

    private static HttpRequest request(HttpMethod method, String uri, String... headers) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, method, uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        return request;
    }
}
