package dev.courier.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.store.ArrivedReply;
import dev.courier.gateway.store.ReplyToRecord;
import dev.courier.gateway.store.RequestOrigin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Replies find the event loop that waits for them, and the reply consumer learns what to record:
 * the whole record when someone waited (or waited until the deadline), the reply alone otherwise.
 */
@ExtendWith(VertxExtension.class)
class ReplyRoutingTest {

    private static final long LONG_WAIT = TimeUnit.MINUTES.toMillis(5);
    private static final RequestOrigin ORIGIN = new RequestOrigin("demo", "fp", "create-post");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final ReplyMetrics metrics = new ReplyMetrics().bindTo(meters);
    private final ReplyRouter router = new ReplyRouter(metrics);
    private Context loop;
    private PendingReplies pending;

    @BeforeEach
    void start(Vertx vertx) {
        loop = vertx.getOrCreateContext();
        pending = new PendingReplies(loop, router, metrics);
    }

    @Test
    void shouldCompleteTheWaiterWithItsReplyAndRecordItWithItsOrigin() throws Exception {
        Future<Optional<ArrivedReply>> waiting = on(loop, () -> pending.await("r1", ORIGIN, LONG_WAIT));

        List<ReplyToRecord> toRecord = router.route(List.of(reply("r1", "created")));

        assertThat(text(result(waiting))).isEqualTo("created");
        assertThat(toRecord).singleElement().satisfies(record -> {
            assertThat(record.reply().requestId()).isEqualTo("r1");
            assertThat(record.origin()).contains(ORIGIN);
        });
        assertThat(metrics.pending()).isZero();
        assertThat(count("late") + count("unmatched")).isZero();
    }

    @Test
    void shouldCountWaitersWhileTheyWait() throws Exception {
        on(loop, () -> pending.await("r1", ORIGIN, LONG_WAIT));
        on(loop, () -> pending.await("r2", ORIGIN, LONG_WAIT));

        assertThat(metrics.pending()).isEqualTo(2);
        assertThat(on(loop, pending::size)).isEqualTo(2);
    }

    @Test
    void shouldEndEmptyAtTheDeadlineAndStillRecordTheLateReplyWhole() throws Exception {
        Future<Optional<ArrivedReply>> waiting = on(loop, () -> pending.await("r1", ORIGIN, 1));
        assertThat(result(waiting)).isEmpty();

        List<ReplyToRecord> toRecord = router.route(List.of(reply("r1", "created")));

        assertThat(toRecord).singleElement().satisfies(record -> assertThat(record.origin()).contains(ORIGIN));
        assertThat(count("late")).isEqualTo(1);
        assertThat(metrics.pending()).isZero();
    }

    @Test
    void shouldRecordAReplyNobodyWaitedForOnlyWhereItsRequestIsOnRecord() {
        List<ReplyToRecord> toRecord = router.route(List.of(reply("async-1", "created")));

        assertThat(toRecord).singleElement().satisfies(record -> assertThat(record.origin()).isEmpty());
        assertThat(count("unmatched")).isEqualTo(1);
    }

    @Test
    void shouldForgetAWaiterWhoseCommandCouldNotBeSent() throws Exception {
        Future<Optional<ArrivedReply>> waiting = on(loop, () -> pending.await("r1", ORIGIN, LONG_WAIT));
        on(loop, () -> {
            pending.cancel("r1");
            return null;
        });

        List<ReplyToRecord> toRecord = router.route(List.of(reply("r1", "created")));

        assertThat(toRecord).singleElement().satisfies(record -> assertThat(record.origin()).isEmpty());
        assertThat(count("unmatched")).isEqualTo(1);
        assertThat(metrics.pending()).isZero();
        assertThat(waiting.isComplete()).isFalse();
    }

    @Test
    void shouldGiveARetryOnTheSameLoopTheOriginalsOutcome() throws Exception {
        Future<Optional<ArrivedReply>> original = on(loop, () -> pending.await("r1", ORIGIN, LONG_WAIT));
        Future<Optional<ArrivedReply>> retry = on(loop, () -> pending.await("r1", ORIGIN, LONG_WAIT));

        router.route(List.of(reply("r1", "created")));

        assertThat(text(result(original))).isEqualTo("created");
        assertThat(text(result(retry))).isEqualTo("created");
        assertThat(metrics.pending()).isZero();
    }

    @Test
    void shouldHandTheReplyToEveryLoopThatWaitsForIt(Vertx vertx) throws Exception {
        Context other = vertx.getOrCreateContext();
        PendingReplies otherPending = new PendingReplies(other, router, metrics);
        Future<Optional<ArrivedReply>> here = on(loop, () -> pending.await("r1", ORIGIN, LONG_WAIT));
        Future<Optional<ArrivedReply>> there = on(other, () -> otherPending.await("r1", ORIGIN, LONG_WAIT));

        List<ReplyToRecord> toRecord = router.route(List.of(reply("r1", "created")));

        assertThat(text(result(here))).isEqualTo("created");
        assertThat(text(result(there))).isEqualTo("created");
        assertThat(toRecord).hasSize(1);
    }

    @Test
    void shouldKeepWaitingOnOneLoopWhenTheOtherLoopsWaiterExpires(Vertx vertx) throws Exception {
        Context other = vertx.getOrCreateContext();
        PendingReplies otherPending = new PendingReplies(other, router, metrics);
        Future<Optional<ArrivedReply>> patient = on(loop, () -> pending.await("r1", ORIGIN, LONG_WAIT));
        Future<Optional<ArrivedReply>> hasty = on(other, () -> otherPending.await("r1", ORIGIN, 1));
        assertThat(result(hasty)).isEmpty();

        List<ReplyToRecord> toRecord = router.route(List.of(reply("r1", "created")));

        assertThat(text(result(patient))).isEqualTo("created");
        assertThat(toRecord).singleElement().satisfies(record -> assertThat(record.origin()).contains(ORIGIN));
        assertThat(count("late")).isZero();
    }

    @Test
    void shouldRouteABatchToEachLoopAndSayWhatToRecordInOrder() throws Exception {
        Future<Optional<ArrivedReply>> first = on(loop, () -> pending.await("r1", ORIGIN, LONG_WAIT));
        Future<Optional<ArrivedReply>> second = on(loop, () -> pending.await("r3", ORIGIN, LONG_WAIT));

        List<ReplyToRecord> toRecord = router.route(List.of(reply("r1", "one"), reply("r2", "two"), reply("r3", "three")));

        assertThat(toRecord).extracting(record -> record.reply().requestId()).containsExactly("r1", "r2", "r3");
        assertThat(toRecord).extracting(record -> record.origin().isPresent()).containsExactly(true, false, true);
        assertThat(text(result(first))).isEqualTo("one");
        assertThat(text(result(second))).isEqualTo("three");
    }

    private double count(String kind) {
        return meters.get("courier.replies").tag("kind", kind).functionCounter().count();
    }

    private static ArrivedReply reply(String requestId, String value) {
        return new ArrivedReply(requestId, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Optional<ArrivedReply> reply) {
        return new String(reply.orElseThrow().value(), StandardCharsets.UTF_8);
    }

    private static <T> T result(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    /** Runs on the loop's context, as the gateway's steps do. */
    private static <T> T on(Context context, Supplier<T> action) throws Exception {
        CompletableFuture<T> done = new CompletableFuture<>();
        context.runOnContext(ignored -> {
            try {
                done.complete(action.get());
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
        return done.get(30, TimeUnit.SECONDS);
    }
}
