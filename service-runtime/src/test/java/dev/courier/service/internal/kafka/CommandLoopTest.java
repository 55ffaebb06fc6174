package dev.courier.service.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.reply.Outcome;
import dev.courier.service.internal.processing.ServiceMetrics;
import dev.courier.service.testing.Eventually;
import dev.courier.service.testing.InMemoryAtomicWriter;
import dev.courier.service.testing.ManualAcksProducer;
import dev.courier.service.testing.PartitionLogConsumer;
import dev.courier.service.testing.PostCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loop on its own thread over a {@link PartitionLogConsumer}, a MockProducer, the real
 * BatchProcessor and Outbox, and an in-memory store.
 */
class CommandLoopTest {

    private static final String TOPIC = "commands";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    /** First back-off 100 ms (fixed in CommandLoop), then 200 ms and no longer. */
    private static final Duration MAX_BACKOFF = Duration.ofMillis(200);

    private final PartitionLogConsumer consumer = new PartitionLogConsumer();
    private final InMemoryAtomicWriter store = new InMemoryAtomicWriter();
    /** How long the loop waited before each probe of the store: the timeout of the poll it waited in. */
    private final List<Duration> probeWaits = new CopyOnWriteArrayList<>();
    private final BooleanSupplier probe = () -> {
        probeWaits.add(consumer.lastPollTimeout());
        return store.isReachable();
    };
    private final MockProducer<byte[], byte[]> acknowledging = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final ManualAcksProducer manualAcks = new ManualAcksProducer();
    private CommandLoop loop;
    private Thread thread;

    @AfterEach
    void stopTheLoop() throws InterruptedException {
        if (loop != null) {
            manualAcks.completeAll();
            loop.stop(Eventually.TIMEOUT);
            thread.join(Eventually.TIMEOUT.toMillis());
        }
    }

    @Test
    void shouldCommitAfterABatchOnlyOnceKafkaAcknowledgedEveryOutput() {
        command(P0, "r1", "p1");
        command(P0, "r2", "p2");
        start(manualAcks, P0);
        awaitWhileAlive("both commands' event and reply sent", () -> manualAcks.history().size() == 4);

        manualAcks.completeNext();
        manualAcks.completeNext();
        manualAcks.completeNext();
        Eventually.untilWaitingIn(thread, Outbox.class);
        assertThat(consumer.commits()).as("commits with an output unacknowledged").isEmpty();

        manualAcks.completeNext();
        awaitWhileAlive("offsets committed", () -> !consumer.commits().isEmpty());
        assertThat(consumer.committedOffset(P0)).contains(2L);
        assertThat(consumer.commits()).hasSize(1);
        assertThat(manualAcks.history()).extracting(ProducerRecord::topic).containsExactly("events", "replies", "events", "replies");
        assertThat(replyOutcomes(manualAcks.history())).containsExactly(Outcome.OK, Outcome.OK);
        assertThat(manualAcks.flushes()).isEqualTo(1);
        // no later write carries the marks: the loop sends them once it finds nothing to read
        awaitWhileAlive("events marked published", () -> store.published().equals(List.of("r1", "r2")));
    }

    @Test
    void shouldProcessTheSameRecordsAgainWithoutCommittingWhenASendFails() {
        command(P0, "r1", "p1");
        command(P0, "r2", "p2");
        start(manualAcks, P0);
        awaitWhileAlive("both commands' event and reply sent", () -> manualAcks.history().size() == 4);

        manualAcks.errorNext(new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync replicas"));
        awaitWhileAlive("the batch sent again", () -> manualAcks.history().size() == 8);
        assertThat(consumer.commits()).as("commits before the batch was sent again").isEmpty();
        manualAcks.completeAll();

        awaitWhileAlive("offsets committed", () -> !consumer.commits().isEmpty());
        assertThat(consumer.committedOffset(P0)).contains(2L);
        assertThat(store.applied()).as("writes, the second time answered from the stored outcomes").containsExactly("r1", "r2", "r1", "r2");
        List<ProducerRecord<byte[], byte[]>> sent = manualAcks.history();
        assertThat(sent.subList(4, 8)).extracting(ProducerRecord::topic).containsExactly("events", "replies", "events", "replies");
        assertThat(sent.subList(4, 8)).extracting(ProducerRecord::value)
                .containsExactlyElementsOf(sent.subList(0, 4).stream().map(ProducerRecord::value).toList());
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void shouldRewindPauseAndProbeTheStoreWithGrowingBackOffUntilItAnswersThenProcessTheBatchAgain() {
        store.reachable(false);
        command(P0, "r1", "p1");
        start(acknowledging, P0);

        awaitWhileAlive("paused", loop::isPaused);
        assertThat(consumer.paused()).containsExactly(P0);
        assertThat(consumer.position(P0)).as("position, rewound to the batch").isZero();
        awaitWhileAlive("three probes", () -> probeWaits.size() >= 3);
        assertThat(probeWaits.subList(0, 3)).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), MAX_BACKOFF);
        assertThat(acknowledging.history()).isEmpty();
        assertThat(consumer.commits()).isEmpty();

        store.reachable(true);
        awaitWhileAlive("offsets committed", () -> !consumer.commits().isEmpty());
        assertThat(consumer.committedOffset(P0)).contains(1L);
        assertThat(loop.isPaused()).isFalse();
        assertThat(consumer.paused()).isEmpty();
        assertThat(loop.pausedSeconds()).isPositive();
        assertThat(replyOutcomes(acknowledging.history())).containsExactly(Outcome.OK);
        assertThat(store.field("post:p1", "title")).isEqualTo("title of p1");
    }

    @Test
    void shouldPausePartitionsAssignedWhileTheStoreIsUnreachableAndResumeThemAllOnceItAnswers() {
        store.reachable(false);
        command(P0, "r1", "p1");
        command(P1, "r2", "p2");
        start(acknowledging, P0);
        awaitWhileAlive("paused", loop::isPaused);

        consumer.duringNextPoll(() -> consumer.rebalance(List.of(P0, P1)));
        awaitWhileAlive("P1 assigned", () -> consumer.assignment().contains(P1));
        assertThat(consumer.paused()).containsExactlyInAnyOrder(P0, P1);

        store.reachable(true);
        awaitWhileAlive("both partitions committed", () -> consumer.committedOffset(P0).isPresent() && consumer.committedOffset(P1).isPresent());
        assertThat(consumer.committedOffset(P0)).contains(1L);
        assertThat(consumer.committedOffset(P1)).contains(1L);
        assertThat(consumer.paused()).isEmpty();
        assertThat(replyOutcomes(acknowledging.history())).containsExactly(Outcome.OK, Outcome.OK);
    }

    @Test
    void shouldFinishAndCommitTheBatchInFlightWhenStoppedThenCloseTheConsumer() throws Exception {
        command(P0, "r1", "p1");
        start(manualAcks, P0);
        awaitWhileAlive("the event and reply sent", () -> manualAcks.history().size() == 2);

        CompletableFuture<Boolean> stopped = CompletableFuture.supplyAsync(this::stopWithin30Seconds);
        Eventually.until("stop() woke the consumer", () -> consumer.wakeups() == 1);
        assertThat(consumer.commits()).isEmpty();
        manualAcks.completeAll();

        assertThat(stopped.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(consumer.committedOffset(P0)).contains(1L);
        assertThat(consumer.closed()).isTrue();
        assertThat(loop.isAlive()).isFalse();
        assertThat(loop.ended().toCompletableFuture().getNow(null)).isEqualTo("the command loop of commands stopped");
    }

    @Test
    void shouldEndAsStoppedNotDiedWhenStopWakesItUpInPoll() throws Exception {
        consumer.pollsNeverTimeOut();
        command(P0, "r1", "p1");
        start(acknowledging, P0);
        awaitWhileAlive("the command's event and reply sent", () -> acknowledging.history().size() == 2);
        awaitWhileAlive("the loop waits in poll", consumer::isWaitingInPoll);

        assertThat(loop.stop(Duration.ofSeconds(30))).isTrue();

        assertThat(consumer.wakeupsThrown()).as("polls ended by a WakeupException").isEqualTo(1);
        assertThat(loop.ended().toCompletableFuture().getNow(null)).isEqualTo("the command loop of commands stopped");
        assertThat(consumer.closed()).isTrue();
        assertThat(consumer.commits()).as("what was processed, committed as the loop ends").hasSize(1);
        assertThat(consumer.committedOffset(P0)).isPresent();
    }

    @Test
    void shouldStopWhileWaitingForTheStoreWithoutProbingOrCommittingTheRewoundBatch() throws Exception {
        consumer.pollsNeverTimeOut();
        store.reachable(false);
        command(P0, "r1", "p1");
        start(acknowledging, P0);
        awaitWhileAlive("paused", loop::isPaused);
        awaitWhileAlive("the loop waits in its back-off poll", consumer::isWaitingInPoll);

        assertThat(loop.stop(Duration.ofSeconds(30))).isTrue();

        assertThat(consumer.wakeupsThrown()).isEqualTo(1);
        assertThat(probeWaits).as("probes once woken up to stop").isEmpty();
        assertThat(loop.ended().toCompletableFuture().getNow(null)).isEqualTo("the command loop of commands stopped");
        assertThat(consumer.closed()).isTrue();
        assertThat(consumer.commits()).isEmpty();
        assertThat(acknowledging.history()).isEmpty();
    }

    @Test
    void shouldReportItsDeathWhenPollingFailsForGood() throws Exception {
        consumer.setPollException(new KafkaException("the group authorization failed"));

        start(acknowledging);
        String reason = loop.ended().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(reason).contains("died").contains("the group authorization failed");
        assertThat(loop.isAlive()).isFalse();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void shouldEndAsStoppedWhenAskedTo() throws Exception {
        start(acknowledging);

        assertThat(loop.stop(Duration.ofSeconds(30))).isTrue();

        assertThat(loop.ended().toCompletableFuture().get(30, TimeUnit.SECONDS)).endsWith("stopped");
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }

    @Test
    void shouldGoOnWhenAPartitionIsRevokedDuringTheBackOffAfterAFailedBatch() {
        command(P0, "r1", "p1");
        start(manualAcks, P0, P1);
        awaitWhileAlive("the event and reply sent", () -> manualAcks.history().size() == 2);
        // The next poll is the back-off's: the loop waits for the acknowledgements until then.
        consumer.duringNextPoll(() -> consumer.rebalance(List.of(P0)));

        manualAcks.errorNext(new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync replicas"));
        awaitWhileAlive("the batch sent again", () -> manualAcks.history().size() == 4);
        manualAcks.completeAll();

        awaitWhileAlive("offsets committed", () -> consumer.committedOffset(P0).isPresent());
        assertThat(consumer.committedOffset(P0)).contains(1L);
        assertThat(consumer.assignment()).containsExactly(P0);
        assertThat(consumer.paused()).isEmpty();
    }

    @Test
    void shouldNotTakeRecordsFromAPartitionAssignedDuringTheBackOffAfterAFailedBatch() {
        command(P0, "r1", "p1");
        command(P1, "r2", "p2");
        start(manualAcks, P0);
        awaitWhileAlive("the event and reply sent", () -> manualAcks.history().size() == 2);
        consumer.duringNextPoll(() -> consumer.rebalance(List.of(P0, P1)));

        manualAcks.errorNext(new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync replicas"));
        awaitWhileAlive("both commands sent", () -> manualAcks.history().size() == 6);
        manualAcks.completeAll();

        awaitWhileAlive("both partitions committed", () -> consumer.committedOffset(P0).isPresent() && consumer.committedOffset(P1).isPresent());
        assertThat(consumer.committedOffset(P0)).contains(1L);
        assertThat(consumer.committedOffset(P1)).contains(1L);
        assertThat(consumer.paused()).isEmpty();
        assertThat(store.applied()).containsExactlyInAnyOrder("r1", "r1", "r2");
    }

    /** Appends a command creating post {@code postId}, answered on replies-0. */
    private void command(TopicPartition partition, String requestId, String postId) {
        consumer.append(partition, postId.getBytes(StandardCharsets.UTF_8), PostCommands.createPost(postId, "title of " + postId),
                PostCommands.commandHeaders(requestId, "replies:0"));
    }

    /** Starts the loop on its own thread; its first poll assigns it {@code partitions}. */
    private void start(Producer<byte[], byte[]> producer, TopicPartition... partitions) {
        if (partitions.length > 0) {
            consumer.duringNextPoll(() -> consumer.rebalance(List.of(partitions)));
        }
        ServiceMetrics metrics = new ServiceMetrics(new SimpleMeterRegistry());
        loop = new CommandLoop(consumer, TOPIC, PostCommands.processor(PostCommands.createPost(store), store, metrics),
                new Outbox(producer), store, probe, MAX_BACKOFF, metrics);
        thread = new Thread(loop, "command-loop");
        thread.setDaemon(true);
        thread.start();
    }

    /** Awaits the condition, giving up at once if the loop ended meanwhile. */
    private void awaitWhileAlive(String what, BooleanSupplier condition) {
        Eventually.until(what, () -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!loop.isAlive()) {
                throw new AssertionError("the loop ended before " + what + ": " + loop.ended().toCompletableFuture().getNow(null));
            }
            return false;
        });
    }

    private boolean stopWithin30Seconds() {
        try {
            return loop.stop(Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static List<Outcome> replyOutcomes(List<ProducerRecord<byte[], byte[]>> sent) {
        return sent.stream().filter(record -> record.topic().equals("replies")).map(record -> PostCommands.outcomeOf(record.value())).toList();
    }
}
