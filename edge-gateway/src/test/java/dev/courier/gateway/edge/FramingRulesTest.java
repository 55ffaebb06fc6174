package dev.courier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FramingRulesTest {

    @Test
    void shouldPassAPlainRequest() {
        assertThat(FramingRules.check(request("/posts?limit=10", "Host", "gateway.example:8080", "Content-Length", "12"))).isEmpty();
    }

    @Test
    void shouldPassChunkedAsTheOnlyTransferCodingInAnyCase() {
        assertThat(FramingRules.check(request("/posts", "Host", "h", "Transfer-Encoding", "Chunked"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"xchunked", "identity", "gzip, chunked", "chunked, gzip", "compress"})
    void shouldAnswer501ToATransferCodingItDoesNotImplement(String codings) {
        assertThat(FramingRules.check(request("/posts", "Host", "h", "Transfer-Encoding", codings)))
                .map(Refusal::status).contains(501);
    }

    @ParameterizedTest
    @ValueSource(strings = {"chunked, chunked", "chunked,", ""})
    void shouldRefuseChunkedThatIsNotExactlyOnce(String codings) {
        assertThat(FramingRules.check(request("/posts", "Host", "h", "Transfer-Encoding", codings)))
                .map(Refusal::status).contains(400);
    }

    @Test
    void shouldRefuseTransferEncodingSplitOverTwoLines() {
        assertThat(FramingRules.check(request("/posts", "Host", "h", "Transfer-Encoding", "chunked", "Transfer-Encoding", "chunked")))
                .map(Refusal::status).contains(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Host", "Authorization", "Content-Type", "Content-Length", "Idempotency-Key", "X-Correlation-Id",
        "traceparent", "Content-Encoding", "Expect"})
    void shouldRefuseASingletonHeaderGivenTwice(String name) {
        Optional<Refusal> refusal = FramingRules.check(request("/posts", "Host", "h", name, "a", name, "b"));

        assertThat(refusal).map(Refusal::status).contains(400);
        assertThat(refusal.get().detail()).contains(name.toLowerCase(Locale.ROOT));
    }

    @Test
    void shouldLetAListValuedHeaderRepeat() {
        assertThat(FramingRules.check(request("/posts", "Host", "h", "Prefer", "respond-async", "Prefer", "wait=5"))).isEmpty();
    }

    @Test
    void shouldRequireHostInHttp11ButNotInHttp10() {
        assertThat(FramingRules.check(request("/posts"))).map(Refusal::status).contains(400);
        assertThat(FramingRules.check(new DefaultHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "/posts"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad host", "h/x", "h@x", "[::1"})
    void shouldRefuseAnInvalidHost(String host) {
        assertThat(FramingRules.check(request("/posts", "Host", host))).map(Refusal::status).contains(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/posts/<x>", "/posts/%zz", "/posts/%4", "*", "gateway:8080", "posts", "/a#fragment", "/a\"b", "/a|b"})
    void shouldRefuseATargetThatIsNotOriginOrAbsoluteForm(String target) {
        assertThat(FramingRules.check(request(target, "Host", "h"))).map(Refusal::status).contains(400);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/posts/%00", "/users/a%20b/posts?cursor=x&limit=5", "/"})
    void shouldPassTargetsWhoseEscapesAreWhole(String target) {
        // %00 is well-formed here; the route's own pattern refuses it with 400.
        assertThat(FramingRules.check(request(target, "Host", "h"))).isEmpty();
    }

    @Test
    void shouldTakeAnAbsoluteFormTargetOnlyWhenHostNamesItsAuthority() {
        assertThat(FramingRules.check(request("http://gateway.example:8080/posts", "Host", "Gateway.Example:8080"))).isEmpty();
        assertThat(FramingRules.check(request("http://gateway.example/posts", "Host", "other.example")))
                .map(Refusal::status).contains(400);
    }

    @Test
    void shouldAnswer417ToAnExpectationOtherThan100Continue() {
        assertThat(FramingRules.check(request("/posts", "Host", "h", "Expect", "100-continue"))).isEmpty();
        assertThat(FramingRules.check(request("/posts", "Host", "h", "Expect", "200-ok"))).map(Refusal::status).contains(417);
    }

    @Test
    void shouldRefuseControlCharactersInHeaderValues() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/posts",
                DefaultHttpHeadersFactory.headersFactory().withValidation(false));
        request.headers().add("Host", "h").add("X-Note", "a\u0001b");

        assertThat(FramingRules.check(request)).map(Refusal::status).contains(400);
    }

    @Test
    void shouldAnswer505ToAnotherHttpVersion() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.valueOf("HTTP/1.2"), HttpMethod.GET, "/posts");
        request.headers().add("Host", "h");

        assertThat(FramingRules.check(request)).map(Refusal::status).contains(505);
    }

    @Test
    void shouldMapDecoderFailuresToClientErrorsWithoutQuotingRawBytes() {
        assertThat(FramingRules.decoderFailure(DecoderResult.failure(new TooLongHttpLineException("line"))).status()).isEqualTo(414);
        assertThat(FramingRules.decoderFailure(DecoderResult.failure(new TooLongHttpHeaderException("headers"))).status()).isEqualTo(431);
        Refusal overflow = FramingRules.decoderFailure(DecoderResult.failure(new NumberFormatException("Chunk size overflow: \u0000\u00ff")));
        assertThat(overflow.status()).isEqualTo(400);
        assertThat(overflow.detail()).matches("[\\x20-\\x7e]*");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[::1]:8080", "[2001:db8::1]", "127.0.0.1:8080", "gateway.example", "caf%C3%A9.example", "h:"})
    void shouldTakeNamesAddressesAndIpLiteralsAsHost(String host) {
        assertThat(FramingRules.check(request("/posts", "Host", host))).isEmpty();
    }

    @Test
    void shouldRefuseAnAbsoluteFormTargetWithoutHostInHttp10() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_0, HttpMethod.GET, "http://gateway.example/posts");

        assertThat(FramingRules.check(request)).map(Refusal::detail).contains("the Host header must name the authority of an absolute-form target");
    }

    @Test
    void shouldRefuseTheDeleteCharacterInAHeaderValue() {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/posts",
                DefaultHttpHeadersFactory.headersFactory().withValidation(false));
        request.headers().add("Host", "h").add("X-Note", "a\u007fb").add("X-Tabbed", "a\tb");

        assertThat(FramingRules.check(request)).map(Refusal::detail).contains("the x-note header holds a control character");
    }

    @Test
    void shouldBoundTheDetailOfADecoderFailure() {
        Refusal refusal = FramingRules.decoderFailure(DecoderResult.failure(new IllegalArgumentException("x".repeat(500))));
        Refusal unreadable = FramingRules.decoderFailure(DecoderResult.failure(new IllegalStateException()));

        assertThat(refusal.detail()).isEqualTo("the request is not well-formed HTTP/1.1: " + "x".repeat(120) + "...");
        assertThat(unreadable.detail()).isEqualTo("the request is not well-formed HTTP/1.1: IllegalStateException");
        assertThat(refusal.type()).isEqualTo("malformed-request");
    }

    @Test
    void shouldCheckForRepeatedSingletonsBeforeAnythingElse() {
        Optional<Refusal> refusal = FramingRules.check(request("/a%zz", "Host", "h", "Authorization", "a", "Authorization", "b",
                "Transfer-Encoding", "gzip"));

        assertThat(refusal).map(Refusal::detail).contains("the authorization header appears more than once");
    }

    private static HttpRequest request(String uri, String... headers) {
        HttpRequest request = new DefaultHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri);
        for (int i = 0; i < headers.length; i += 2) {
            request.headers().add(headers[i], headers[i + 1]);
        }
        return request;
    }
}
