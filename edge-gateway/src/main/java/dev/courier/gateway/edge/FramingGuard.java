package dev.courier.gateway.edge;

import dev.courier.gateway.command.RequestIds;
import dev.courier.gateway.http.Problem;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits between Netty's HTTP decoder and Vert.x on each connection and lets through only requests
 * whose framing and headers pass {@link FramingRules}. A refused request never reaches a handler:
 * the guard answers it with a problem, closes the connection, and drops every byte after it, so
 * a body the decoder misread can never be served as a second request. Requests pipelined before
 * the refused one are answered first, in order. Refusals are the client's mistake: logged at debug,
 * without a stack. Once the gateway drains, every request read from then on (but health probes)
 * is answered 503 here, so none is left unanswered while the server closes. A response that says
 * {@code Connection: close} (a 413 whose body was not read, a drain) closes the connection once it
 * is written, and nothing after it is read.
 */
final class FramingGuard extends ChannelDuplexHandler {

    private static final Logger LOG = LoggerFactory.getLogger(FramingGuard.class);

    private final BooleanSupplier draining;
    private final EdgeRefusals refusals;

    /** Requests passed on whose final response has not been written yet. */
    private int unanswered;
    private Refusal refusal;
    /** The refusal is written once no more than this many requests are unanswered. */
    private int answerWhenUnanswered;
    private boolean refused;
    private boolean closeAfterResponse;
    /** Whether the refused request was a HEAD, whose answer has no body. */
    private boolean head;

    FramingGuard(BooleanSupplier draining, EdgeRefusals refusals) {
        this.draining = draining;
        this.refusals = refusals;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (refused) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (msg instanceof HttpRequest request) {
            Optional<Refusal> problem = request.decoderResult().isSuccess()
                    ? FramingRules.check(request) : Optional.of(FramingRules.decoderFailure(request.decoderResult()));
            if (problem.isEmpty() && draining.getAsBoolean() && !request.uri().startsWith("/health/")) {
                problem = Optional.of(Refusal.shuttingDown());
            }
            if (problem.isPresent()) {
                head = request.method() == HttpMethod.HEAD;
                ReferenceCountUtil.release(msg);
                refuse(ctx, problem.get(), 0);
                return;
            }
            unanswered++;
        } else if (msg instanceof HttpContent content && !content.decoderResult().isSuccess()) {
            ReferenceCountUtil.release(msg);
            // The request this chunk belongs to was passed on and will never end: once the ones
            // before it are answered, answer for it. If it was answered already, just close.
            Refusal problem = FramingRules.decoderFailure(content.decoderResult());
            refuse(ctx, unanswered > 0 ? problem : null, 1);
            return;
        }
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof HttpResponse response && !isInterim(response)
                && response.headers().containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE, true)) {
            closeAfterResponse = true;
            // Whatever the client sends after this request is not read: the response ends the connection.
            refused = true;
            ctx.channel().config().setAutoRead(false);
        }
        boolean finalResponseEnds = msg instanceof LastHttpContent && !(msg instanceof HttpResponse response && isInterim(response));
        if (finalResponseEnds && closeAfterResponse) {
            ChannelPromise written = promise.unvoid();
            ctx.write(msg, written);
            written.addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.write(msg, promise);
        if (finalResponseEnds && unanswered > 0) {
            unanswered--;
            answerRefusalWhenDue(ctx);
        }
    }

    /** @param problem the answer to write, or null to close once the answers already due are written */
    private void refuse(ChannelHandlerContext ctx, Refusal problem, int answerWhenUnanswered) {
        refused = true;
        ctx.channel().config().setAutoRead(false);
        if (problem == null) {
            ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        LOG.debug("request refused at the edge status={} reason={} remote={}", problem.status(), problem.detail(), ctx.channel().remoteAddress());
        refusals.refused(problem);
        this.refusal = problem;
        this.answerWhenUnanswered = answerWhenUnanswered;
        answerRefusalWhenDue(ctx);
    }

    private void answerRefusalWhenDue(ChannelHandlerContext ctx) {
        if (refusal == null || unanswered > answerWhenUnanswered) {
            return;
        }
        Refusal answer = refusal;
        refusal = null;
        ctx.writeAndFlush(response(answer, head)).addListener(ChannelFutureListener.CLOSE);
    }

    private static boolean isInterim(HttpResponse response) {
        return response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
    }

    private static FullHttpResponse response(Refusal refusal, boolean head) {
        String requestId = RequestIds.random();
        HttpResponseStatus status = HttpResponseStatus.valueOf(refusal.status());
        byte[] problem = Problem.of(refusal.status(), refusal.type(), status.reasonPhrase(), refusal.detail()).toBytes(null, requestId);
        // A HEAD response says how long the body would be but carries none (RFC 9110 section 9.3.2).
        ByteBuf body = head ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(problem);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "application/problem+json")
                .set(HttpHeaderNames.CONTENT_LENGTH, problem.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE)
                .set("X-Request-Id", requestId);
        if (refusal.retryAfterSeconds() > 0) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, refusal.retryAfterSeconds());
        }
        return response;
    }
}
