package dev.courier.gateway.edge;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framing and header rules a request must pass before any handler sees it (RFC 9112, RFC 9110).
 * Netty's decoder already refuses a Content-Length it cannot trust (repeated, not a number), a
 * Content-Length beside Transfer-Encoding, Transfer-Encoding in HTTP/1.0, chunked that is not the
 * last coding, whitespace before a header colon and invalid header names; these rules add what it
 * is lenient about. Each rule names the RFC section it follows.
 */
public final class FramingRules {

    /**
     * Headers that must appear at most once: a second copy would leave open which one a proxy in
     * front and the gateway each act on (framing, authentication, idempotency, correlation).
     */
    static final List<String> SINGLETONS = List.of("host", "content-length", "content-type", "content-encoding",
            "authorization", "idempotency-key", "x-correlation-id", "traceparent", "expect");

    // RFC 3986: the characters a request-target may hold; '%' only as the start of an escape.
    private static final Pattern ORIGIN_FORM = Pattern.compile("/[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]*(\\?[A-Za-z0-9\\-._~!$&'()*+,;=:@/?%]*)?");
    private static final Pattern ABSOLUTE_FORM = Pattern.compile("(?i:https?)://([A-Za-z0-9\\-._~!$&'()*+,;=:%\\[\\]]+)(?:" + ORIGIN_FORM.pattern() + ")?");
    private static final Pattern BROKEN_ESCAPE = Pattern.compile("%(?![0-9A-Fa-f]{2})");
    // RFC 9110 section 7.2 / RFC 3986 section 3.2.2: reg-name or IPv4, or an IP-literal; optional port.
    private static final Pattern HOST = Pattern.compile("([A-Za-z0-9\\-._~!$&'()*+,;=]|%[0-9A-Fa-f]{2})+(:\\d{0,5})?|\\[[0-9A-Fa-f:.]+](:\\d{0,5})?");
    private static final Set<String> TRANSFER_CODINGS = Set.of("chunked");

    private FramingRules() {
    }

    /** Why a request whose head decoded cleanly must still be refused, if it must. */
    public static Optional<Refusal> check(HttpRequest request) {
        HttpVersion version = request.protocolVersion();
        if (version != HttpVersion.HTTP_1_1 && version != HttpVersion.HTTP_1_0) {
            return Optional.of(new Refusal(505, "http-version-not-supported", "only HTTP/1.1 and HTTP/1.0 are served"));
        }
        HttpHeaders headers = request.headers();
        for (String name : SINGLETONS) {
            if (headers.getAll(name).size() > 1) {
                // RFC 9110 section 5.3: only list-valued fields may be repeated.
                return Optional.of(Refusal.badRequest("the " + name + " header appears more than once"));
            }
        }
        Optional<Refusal> transferEncoding = transferEncoding(headers);
        if (transferEncoding.isPresent()) {
            return transferEncoding;
        }
        Optional<Refusal> host = host(headers, version);
        if (host.isPresent()) {
            return host;
        }
        Optional<Refusal> target = target(request.uri(), headers.get(HttpHeaderNames.HOST));
        if (target.isPresent()) {
            return target;
        }
        String expect = headers.get(HttpHeaderNames.EXPECT);
        if (expect != null && !expect.trim().equalsIgnoreCase("100-continue")) {
            // RFC 9110 section 10.1.1: an expectation the server cannot meet gets 417.
            return Optional.of(new Refusal(417, "expectation-failed", "only Expect: 100-continue is understood"));
        }
        return controlCharacters(headers);
    }

    /** The answer to a request or chunk the decoder could not read. */
    public static Refusal decoderFailure(DecoderResult result) {
        Throwable cause = result.cause();
        if (cause instanceof TooLongHttpLineException) {
            return new Refusal(414, "uri-too-long", "the request line is too long");
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return new Refusal(431, "header-fields-too-large", "the request headers are too large");
        }
        return Refusal.badRequest("the request is not well-formed HTTP/1.1: " + describe(cause));
    }

    // RFC 9112 section 6.1: the gateway implements the chunked coding only, applied once; an
    // unknown coding is 501, a list that is not exactly "chunked" is 400. Either way the body's
    // length is unknown, so the connection closes (section 6.3).
    private static Optional<Refusal> transferEncoding(HttpHeaders headers) {
        List<String> lines = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
        if (lines.isEmpty()) {
            return Optional.empty();
        }
        List<String> codings = lines.stream()
                .flatMap(line -> Arrays.stream(line.split(",", -1)))
                .map(coding -> coding.trim().toLowerCase(Locale.ROOT))
                .toList();
        Optional<String> unknown = codings.stream().filter(coding -> !coding.isEmpty() && !TRANSFER_CODINGS.contains(coding)).findFirst();
        if (unknown.isPresent()) {
            return Optional.of(new Refusal(501, "transfer-coding-not-implemented",
                    "the only transfer coding served is chunked; the request used another"));
        }
        if (codings.size() != 1 || !codings.get(0).equals("chunked")) {
            return Optional.of(Refusal.badRequest("Transfer-Encoding must be exactly chunked"));
        }
        return Optional.empty();
    }

    // RFC 9112 section 3.2: an HTTP/1.1 request has exactly one Host with a valid value.
    private static Optional<Refusal> host(HttpHeaders headers, HttpVersion version) {
        String host = headers.get(HttpHeaderNames.HOST);
        if (host == null) {
            return version == HttpVersion.HTTP_1_1 ? Optional.of(Refusal.badRequest("an HTTP/1.1 request needs a Host header")) : Optional.empty();
        }
        return HOST.matcher(host.trim()).matches() ? Optional.empty() : Optional.of(Refusal.badRequest("the Host header is not a valid host"));
    }

    // RFC 9112 section 3.2: origin-form, or absolute-form which a server must accept. The
    // asterisk and authority forms are for OPTIONS and CONNECT, which no route serves. In
    // absolute-form the target's authority is the one that counts (section 3.2.2); routing reads
    // Host, so the two must agree, or a proxy and the gateway could route one request two ways.
    private static Optional<Refusal> target(String uri, String host) {
        if (BROKEN_ESCAPE.matcher(uri).find()) {
            return Optional.of(Refusal.badRequest("the request target has a '%' that does not start an escape"));
        }
        if (ORIGIN_FORM.matcher(uri).matches()) {
            return Optional.empty();
        }
        Matcher absolute = ABSOLUTE_FORM.matcher(uri);
        if (!absolute.matches()) {
            return Optional.of(Refusal.badRequest("the request target is not a valid origin-form or absolute-form URI"));
        }
        if (host == null || !absolute.group(1).equalsIgnoreCase(host.strip())) {
            return Optional.of(Refusal.badRequest("the Host header must name the authority of an absolute-form target"));
        }
        return Optional.empty();
    }

    // RFC 9110 section 5.5: field values hold visible characters, spaces and tabs, and obs-text;
    // Netty refuses CR, LF and NUL, the other controls are refused here.
    private static Optional<Refusal> controlCharacters(HttpHeaders headers) {
        for (var header : headers) {
            String value = header.getValue();
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 && c != '\t' || c == 0x7f) {
                    return Optional.of(Refusal.badRequest("the " + header.getKey().toLowerCase(Locale.ROOT)
                            + " header holds a control character"));
                }
            }
        }
        return Optional.empty();
    }

    private static String describe(Throwable cause) {
        if (cause == null) {
            return "unreadable";
        }
        String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        // Netty's messages can quote request bytes; keep only printable ASCII and bound the length.
        String printable = message.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 120 ? printable.substring(0, 120) + "..." : printable;
    }
}
