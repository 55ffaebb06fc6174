package dev.courier.service.internal.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.reply.Outcome;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.service.testing.InMemoryAtomicWriter;
import dev.courier.service.testing.PostCommands;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InMemoryAtomicWriter store = new InMemoryAtomicWriter();
    private final BatchProcessor processor = PostCommands.processor(PostCommands.createPost(store), store, new ServiceMetrics(meters));
    private long offset;

    @Test
    void shouldApplyCommandsOfOneKeyInOrderSoTheSecondSeesTheFirst() {
        BatchResult result = processor.process(List.of(create("r1", "p1", "first"), create("r2", "p1", "second")));

        assertThat(replyOutcomes(result)).containsExactly(Outcome.OK, Outcome.CONFLICT);
        assertThat(store.field("post:p1", "title")).isEqualTo("first");
    }

    @Test
    void shouldAnswerRedeliveryFromStoredOutcomeWithoutSendingEventsTwice() {
        BatchResult result = processor.process(List.of(create("r1", "p1", "one"), create("r1", "p1", "one")));

        List<Output> replies = result.outputs().stream().filter(output -> output.kind() == Output.Kind.REPLY).toList();
        assertThat(replies).hasSize(2);
        assertThat(replies.get(1).record().value()).isEqualTo(replies.get(0).record().value());
        assertThat(result.outputs()).filteredOn(output -> output.kind() == Output.Kind.EVENT).hasSize(1);
        assertThat(result.eventsToMarkPublished()).containsExactly("r1");
    }

    @Test
    void shouldDecideAgainWhenStateChangedUnderTheWrite() {
        store.beforeNextApply(() -> store.put("post:p1", "title", "someone else's"));

        BatchResult result = processor.process(List.of(create("r1", "p1", "mine")));

        assertThat(replyOutcomes(result)).containsExactly(Outcome.CONFLICT);
        assertThat(store.field("post:p1", "title")).isEqualTo("someone else's");
    }

    @Test
    void shouldDeadLetterUndecodableRecordAndGoOn() {
        ConsumerRecord<byte[], byte[]> poison = record("r1", "p1", "garbage".getBytes(StandardCharsets.UTF_8));

        BatchResult result = processor.process(List.of(poison, create("r2", "p2", "fine")));

        assertThat(result.outputs()).extracting(Output::kind)
                .containsExactly(Output.Kind.DEAD_LETTER, Output.Kind.EVENT, Output.Kind.REPLY);
        assertThat(CourierHeaders.lastString(result.outputs().get(0).record().headers(), CourierHeaders.DLQ_SOURCE_OFFSET))
                .contains("0");
    }

    @Test
    void shouldDeadLetterACommandStillStaleAfterItsLastAttemptAndGoOnWithTheBatch() {
        store.alwaysStale("post:p1");

        BatchResult result = processor.process(List.of(create("r1", "p1", "stuck"), create("r2", "p2", "fine")));

        assertThat(result.outputs()).extracting(Output::kind)
                .containsExactly(Output.Kind.REPLY, Output.Kind.DEAD_LETTER, Output.Kind.EVENT, Output.Kind.REPLY);
        assertThat(replyOutcomes(result)).containsExactly(Outcome.ERROR, Outcome.OK);
        assertThat(CourierHeaders.lastString(result.outputs().get(1).record().headers(), CourierHeaders.DLQ_ERROR_CLASS))
                .contains(BatchProcessor.STALE_WRITE);
        assertThat(store.attempts("post:p1")).isEqualTo(BatchProcessor.MAX_ATTEMPTS);
        assertThat(store.field("post:p2", "title")).isEqualTo("fine");
        assertThat(meters.counter("courier.commands", "type", "CreatePost", "outcome", "ERROR").count()).isEqualTo(1);
        assertThat(meters.counter("courier.commands", "type", "CreatePost", "outcome", "OK").count()).isEqualTo(1);
        assertThat(meters.counter("courier.dead.letters", "error_class", BatchProcessor.STALE_WRITE).count()).isEqualTo(1);
    }

    @Test
    void shouldAnswerErrorAndDeadLetterACommandWhoseHandlerFails() {
        BatchProcessor failing = PostCommands.processor(command -> {
            throw new IllegalStateException("a bug in the handler");
        }, store, new ServiceMetrics(meters));

        BatchResult result = failing.process(List.of(create("r1", "p1", "title")));

        assertThat(result.outputs()).extracting(Output::kind).containsExactly(Output.Kind.REPLY, Output.Kind.DEAD_LETTER);
        assertThat(replyOutcomes(result)).containsExactly(Outcome.ERROR);
        assertThat(CourierHeaders.lastString(result.outputs().get(1).record().headers(), CourierHeaders.DLQ_ERROR_MESSAGE))
                .contains("a bug in the handler");
    }

    private List<Outcome> replyOutcomes(BatchResult result) {
        return result.outputs().stream().filter(output -> output.kind() == Output.Kind.REPLY)
                .map(output -> PostCommands.outcomeOf(output.record().value()))
                .toList();
    }

    @Test
    void shouldAnswerABlindCreateOfATakenIdWithItsOtherOutcomeAndStoreItForRedeliveries() {
        BatchProcessor blind = PostCommands.processor(PostCommands.createPostWithoutReading(), store, new ServiceMetrics(meters));

        BatchResult first = blind.process(List.of(create("r1", "p1", "first"), create("r2", "p1", "second")));
        BatchResult redelivered = blind.process(List.of(create("r2", "p1", "second")));

        assertThat(replyOutcomes(first)).containsExactly(Outcome.OK, Outcome.CONFLICT);
        assertThat(first.outputs()).filteredOn(output -> output.kind() == Output.Kind.EVENT).hasSize(1);
        assertThat(store.field("post:p1", "title")).isEqualTo("first");
        assertThat(replyOutcomes(redelivered)).containsExactly(Outcome.CONFLICT);
        assertThat(meters.get("courier.commands").tag("outcome", "CONFLICT").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldNotSendEventsAgainForARedeliveryRightBehindItsOriginalWhoseMarkIsNotInRedisYet() {
        BatchResult original = processor.process(List.of(create("r1", "p1", "first")));
        processor.published(original.eventsToMarkPublished());

        BatchResult redelivered = processor.process(List.of(create("r1", "p1", "first")));

        assertThat(original.outputs()).filteredOn(output -> output.kind() == Output.Kind.EVENT).hasSize(1);
        assertThat(redelivered.outputs()).filteredOn(output -> output.kind() == Output.Kind.EVENT).isEmpty();
        assertThat(replyOutcomes(redelivered)).containsExactly(Outcome.OK);
    }

    private ConsumerRecord<byte[], byte[]> create(String requestId, String postId, String title) {
        return record(requestId, postId, PostCommands.createPost(postId, title));
    }

    private ConsumerRecord<byte[], byte[]> record(String requestId, String key, byte[] value) {
        return new ConsumerRecord<>("commands", 0, offset++, 0L, TimestampType.CREATE_TIME,
                0, 0, key.getBytes(StandardCharsets.UTF_8), value, PostCommands.commandHeaders(requestId, "replies:0"), Optional.empty());
    }
}
