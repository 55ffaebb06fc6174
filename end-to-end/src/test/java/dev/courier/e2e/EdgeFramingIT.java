package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.Gateway;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.redis.RedisEndpoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and malformed requests over raw sockets, where an HTTP client would have normalised them:
 * each is refused with the right status, the connection is closed where the framing is broken,
 * nothing reaches a command topic, nothing is written to the log as a stack trace, and the gateway
 * goes on serving everyone else.
 */
@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EdgeFramingIT {

    private static final String SMUGGLED = "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n";

    private Stack stack;
    private Gateway gateway;
    private String token;
    private long logMark;

    @BeforeAll
    void start(KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path dir) {
        stack = Stack.start(kafka, redis, dir);
        gateway = stack.gateway("edge-gw", Map.of());
        token = new Http(gateway.port()).token("demo", Stack.DEMO_SECRET);
        logMark = TestLog.mark();
    }

    @AfterEach
    void nothingReachedKafkaAndOthersAreStillServed() {
        assertThat(stack.commandRecords()).isZero();
        Http.Response other = new Http(gateway.port()).request("GET", "/requests/" + UUID.randomUUID()).bearer(token).send();
        assertThat(other.status()).as("another client, served as usual").isEqualTo(404);
    }

    @AfterAll
    void noStackTraceWasLogged() {
        String log = TestLog.since(logMark);
        gateway.close();
        stack.close();
        assertThat(log).doesNotContain("\tat ").doesNotContain(" ERROR ");
    }

    static Stream<Arguments> brokenFraming() {
        return Stream.of(
                Arguments.of("an unknown transfer coding", 501, "POST /posts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n"
                        + "Content-Type: application/json\r\nAuthorization: Bearer {token}\r\n\r\n" + SMUGGLED),
                Arguments.of("identity", 501, "POST /posts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n" + SMUGGLED),
                Arguments.of("a coding before chunked", 501, "POST /posts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("chunked not last", 400, "POST /posts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n"),
                Arguments.of("chunked twice", 400, "POST /posts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("chunked beside Content-Length", 400, "POST /posts HTTP/1.1\r\nHost: x\r\nContent-Length: 40\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("Transfer-Encoding in HTTP/1.0", 400, "POST /posts HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
                Arguments.of("a chunk size that overflows", 400, "POST /posts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFFFFFFF\r\n{}\r\n0\r\n\r\n"),
                Arguments.of("a chunk size that is not hex", 400, "POST /posts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"),
                Arguments.of("two Content-Length headers", 400, "POST /posts HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 2\r\n\r\n{}"),
                Arguments.of("a Content-Length that is not a number", 400, "POST /posts HTTP/1.1\r\nHost: x\r\nContent-Length: +2\r\n\r\n{}"),
                Arguments.of("bare LF line endings", 400, "GET /health/live HTTP/1.1\nHost: x\n\n"),
                Arguments.of("a space inside the request target", 400, "GET /health /live HTTP/1.1\r\nHost: x\r\n\r\n"),
                Arguments.of("whitespace before a colon", 400, "GET /health/live HTTP/1.1\r\nHost : x\r\n\r\n"),
                Arguments.of("a control character in a header", 400, "GET /health/live HTTP/1.1\r\nHost: x\r\nX-Note: a\u0001b\r\n\r\n"),
                Arguments.of("no Host", 400, "GET /health/live HTTP/1.1\r\n\r\n"),
                Arguments.of("two Host headers", 400, "GET /health/live HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n"),
                Arguments.of("a request target with '<'", 400, "GET /posts/<x> HTTP/1.1\r\nHost: x\r\n\r\n"),
                Arguments.of("a broken escape", 400, "GET /posts/%zz HTTP/1.1\r\nHost: x\r\n\r\n"),
                Arguments.of("an absolute-form target for another host", 400, "GET http://elsewhere.example/health/live HTTP/1.1\r\nHost: x\r\n\r\n"),
                Arguments.of("a body over the limit, declared", 413, "POST /posts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                        + "Content-Type: application/json\r\nContent-Length: 100000\r\n\r\n{\"title\":"),
                Arguments.of("a chunked body over the limit", 413, "POST /posts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                        + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n11000\r\n" + "x".repeat(0x11000) + "\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("HTTP/1.2", 505, "GET /health/live HTTP/1.2\r\nHost: x\r\n\r\n"),
                Arguments.of("an unknown expectation", 417, "POST /posts HTTP/1.1\r\nHost: x\r\nExpect: 200-ok\r\nContent-Length: 2\r\n\r\n{}"),
                Arguments.of("two Authorization headers", 400, "GET /posts/p-1 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                        + "Authorization: Bearer forged\r\n\r\n"),
                Arguments.of("two Content-Type headers", 400, "POST /posts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                        + "Content-Type: text/plain\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"),
                Arguments.of("two Idempotency-Key headers", 400, "POST /posts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {token}\r\n"
                        + "Idempotency-Key: a\r\nIdempotency-Key: b\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"),
                Arguments.of("a request line too long", 414, "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFraming")
    void shouldRefuseBrokenFramingBeforeRoutingAndCloseTheConnection(String name, int status, String request) {
        try (RawHttp raw = new RawHttp(gateway.port())) {
            RawHttp.Response response = raw.send(request.replace("{token}", token)).read();

            assertThat(response.status()).as(response.body()).isEqualTo(status);
            assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
            assertThat(response.header("Connection")).isEqualTo("close");
            assertThat(raw.closedByServer()).as("the connection is closed; nothing after the request is served").isTrue();
        }
    }

    @Test
    void shouldAnswerRequestsPipelinedBeforeABrokenOneThenCloseWithoutServingWhatFollows() {
        try (RawHttp raw = new RawHttp(gateway.port())) {
            raw.send("GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n"
                    + "POST /posts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n" + SMUGGLED);

            assertThat(raw.read().status()).isEqualTo(200);
            assertThat(raw.read().status()).isEqualTo(501);
            assertThat(raw.closedByServer()).isTrue();
        }
    }

    @Test
    void shouldSendContinueToAClientThatWaitsForIt() {
        try (RawHttp raw = new RawHttp(gateway.port())) {
            raw.send("POST /posts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + "Expect: 100-continue\r\nContent-Length: 2\r\n\r\n");

            assertThat(raw.read().status()).isEqualTo(100);
            assertThat(raw.send("{}").read().status()).as("the body, once sent, is read as usual").isEqualTo(400);
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "an overlong '/',               c0af",
        "an encoded surrogate,          eda080",
        "a code point above U+10FFFF,   f4908080",
        "a truncated sequence,          e282",
        "a stray continuation byte,     80"})
    void shouldRefuseABodyThatIsNotWellFormedUtf8NamingWhere(String name, String hex) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("{\"title\":\"a".getBytes(StandardCharsets.UTF_8));
        body.writeBytes(HexFormat.of().parseHex(hex));
        body.writeBytes("b\",\"content\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        try (RawHttp raw = new RawHttp(gateway.port())) {
            raw.send("POST /posts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.size() + "\r\n\r\n").send(body.toByteArray());

            RawHttp.Response response = raw.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(response.body()).contains("not well-formed UTF-8 at byte offset 11");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "POST,  /posts,    text/plain,                     Accept-Post",
        "POST,  /posts,    application/jsonx,              Accept-Post",
        "POST,  /posts,    application/x-www-form-urlencoded, Accept-Post",
        "POST,  /posts,    application/json; charset=iso-8859-1, Accept-Post",
        "PATCH, /posts/p-1, text/plain,                    Accept-Patch"})
    void shouldAnswer415ToABodyNotDeclaredAsJson(String method, String path, String contentType, String acceptHeader) {
        Http.Response response = new Http(gateway.port()).request(method, path).bearer(token)
                .header("Content-Type", contentType).body("{\"title\":\"t\",\"content\":\"c\"}").send();

        assertThat(response.status()).as(response.body()).isEqualTo(415);
        assertThat(response.header(acceptHeader)).isEqualTo("application/json");
    }

    @Test
    void shouldAnswer415ToAContentCodingItDoesNotTake() {
        Http.Response response = new Http(gateway.port()).request("POST", "/posts").bearer(token)
                .header("Content-Encoding", "br").json("{\"title\":\"t\",\"content\":\"c\"}").send();

        assertThat(response.status()).isEqualTo(415);
        assertThat(response.header("Accept-Encoding")).isEqualTo("gzip");
    }

    @Test
    void shouldAnswer400ToABodyThatSaysGzipButIsNot() {
        Http.Response response = new Http(gateway.port()).request("POST", "/posts").bearer(token)
                .header("Content-Encoding", "gzip").json("{\"title\":\"t\",\"content\":\"c\"}").send();

        assertThat(response.status()).as(response.body()).isEqualTo(400);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "/posts/%00,                        postId",
        "/posts/p-1%0A,                     postId",
        "/posts/p-1%0D%0A,                  postId",
        "/posts/a%20b,                      postId",
        "/posts/%C3%A9t%C3%A9,              postId",
        "/users/%01/posts,                  authorId",
        "/users/demo/posts?cursor=%0A,      cursor",
        "/users/demo/posts?limit=1&limit=2, limit"})
    void shouldRefuseAPathOrQueryValueItsFieldDoesNotAllow(String path, String field) {
        Http.Response response = new Http(gateway.port()).request("GET", path).bearer(token).send();

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
    }
}
