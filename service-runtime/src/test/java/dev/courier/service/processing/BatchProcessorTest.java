package dev.courier.service.processing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.CreatePost;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.json.JsonToAvro;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.MessageReader;
import dev.courier.service.command.CommandHandler;
import dev.courier.service.command.CommandIntake;
import dev.courier.service.command.CommandOutcome;
import dev.courier.service.command.Decisions;
import dev.courier.service.command.Replies;
import dev.courier.service.store.AtomicWrite;
import dev.courier.service.store.AtomicWriter;
import dev.courier.service.store.EncodedOutcome;
import dev.courier.service.store.WriteResult;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {

    private static final SingleObjectCodec<SpecificRecord> COMMANDS = new SingleObjectCodec<>(Messages.BLOG_COMMANDS, SchemaCatalog.released());
    private static final SingleObjectCodec<Reply> REPLIES = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released());

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final InMemoryWriter store = new InMemoryWriter();
    /** Creates a post unless its id is taken: the state is one field per post in the fake store. */
    private final CommandHandler handler = command -> {
        CreatePost create = command.message(CreatePost.class);
        String key = "post:" + create.getPostId();
        return CompletableFuture.completedFuture(store.field(key) != null
                ? Decisions.settle(Replies.conflict("taken", List.of()))
                : Decisions.change(AtomicWrite.builder().requireAbsent(key, "title").hset(key, Map.of("title", create.getTitle())).build(),
                        CommandOutcome.of(Replies.ok(null), new CommandOutcome.Event(create.getPostId(), create))));
    };
    private final BatchProcessor processor = new BatchProcessor(
            new CommandIntake(new MessageReader<>(COMMANDS, new JsonToAvro()), replyTo -> Optional.empty()),
            handler, store, new OutcomeEncoder(REPLIES, COMMANDS), new OutgoingRecords("events", "dlq"), new ServiceMetrics(meters));
    private long offset;

    @Test
    void shouldApplyCommandsOfOneKeyInOrderSoTheSecondSeesTheFirst() {
        BatchResult result = processor.process(List.of(create("r1", "p1", "first"), create("r2", "p1", "second")));

        assertThat(replyOutcomes(result)).containsExactly(Outcome.OK, Outcome.CONFLICT);
        assertThat(store.field("post:p1")).isEqualTo("first");
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
        store.beforeNextApply = () -> store.hashes.put("post:p1", new HashMap<>(Map.of("title", "someone else's")));

        BatchResult result = processor.process(List.of(create("r1", "p1", "mine")));

        assertThat(replyOutcomes(result)).containsExactly(Outcome.CONFLICT);
        assertThat(store.field("post:p1")).isEqualTo("someone else's");
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
        store.alwaysStale.add("post:p1");

        BatchResult result = processor.process(List.of(create("r1", "p1", "stuck"), create("r2", "p2", "fine")));

        assertThat(result.outputs()).extracting(Output::kind)
                .containsExactly(Output.Kind.REPLY, Output.Kind.DEAD_LETTER, Output.Kind.EVENT, Output.Kind.REPLY);
        assertThat(replyOutcomes(result)).containsExactly(Outcome.ERROR, Outcome.OK);
        assertThat(CourierHeaders.lastString(result.outputs().get(1).record().headers(), CourierHeaders.DLQ_ERROR_CLASS))
                .contains(BatchProcessor.STALE_WRITE);
        assertThat(store.attempts.get("post:p1")).isEqualTo(BatchProcessor.MAX_ATTEMPTS);
        assertThat(store.field("post:p2")).isEqualTo("fine");
        assertThat(meters.counter("courier.commands", "type", "CreatePost", "outcome", "ERROR").count()).isEqualTo(1);
        assertThat(meters.counter("courier.commands", "type", "CreatePost", "outcome", "OK").count()).isEqualTo(1);
        assertThat(meters.counter("courier.dead.letters", "error_class", BatchProcessor.STALE_WRITE).count()).isEqualTo(1);
    }

    @Test
    void shouldAnswerErrorAndDeadLetterACommandWhoseHandlerFails() {
        BatchProcessor failing = new BatchProcessor(
                new CommandIntake(new MessageReader<>(COMMANDS, new JsonToAvro()), replyTo -> Optional.empty()),
                command -> {
                    throw new IllegalStateException("a bug in the handler");
                }, store, new OutcomeEncoder(REPLIES, COMMANDS), new OutgoingRecords("events", "dlq"), new ServiceMetrics(meters));

        BatchResult result = failing.process(List.of(create("r1", "p1", "title")));

        assertThat(result.outputs()).extracting(Output::kind).containsExactly(Output.Kind.REPLY, Output.Kind.DEAD_LETTER);
        assertThat(replyOutcomes(result)).containsExactly(Outcome.ERROR);
        assertThat(CourierHeaders.lastString(result.outputs().get(1).record().headers(), CourierHeaders.DLQ_ERROR_MESSAGE))
                .contains("a bug in the handler");
    }

    private List<Outcome> replyOutcomes(BatchResult result) {
        return result.outputs().stream().filter(output -> output.kind() == Output.Kind.REPLY)
                .map(output -> ((DecodeResult.Decoded<Reply>) REPLIES.decode(output.record().value())).message().getOutcome())
                .toList();
    }

    private ConsumerRecord<byte[], byte[]> create(String requestId, String postId, String title) {
        return record(requestId, postId, COMMANDS.encode(new CreatePost(postId, title, "body")));
    }

    private ConsumerRecord<byte[], byte[]> record(String requestId, String key, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
        CourierHeaders.put(headers, CourierHeaders.REPLY_TO, "replies:0");
        return new ConsumerRecord<>("commands", 0, offset++, 0L, TimestampType.CREATE_TIME,
                0, 0, key.getBytes(StandardCharsets.UTF_8), value, headers, Optional.empty());
    }

    /** The atomic-write semantics of the Lua script, in memory: outcome first, then conditions, then changes. */
    private static final class InMemoryWriter implements AtomicWriter {
        final Map<String, Map<String, String>> hashes = new HashMap<>();
        final Map<String, EncodedOutcome> outcomes = new HashMap<>();
        /** Keys whose writes are always found stale, as if someone changed them every time. */
        final Set<String> alwaysStale = new HashSet<>();
        final Map<String, Integer> attempts = new HashMap<>();
        Runnable beforeNextApply = () -> { };

        String field(String key) {
            return hashes.getOrDefault(key, Map.of()).get("title");
        }

        @Override
        public CompletionStage<List<WriteResult>> apply(List<PlannedWrite> writes) {
            beforeNextApply.run();
            beforeNextApply = () -> { };
            List<WriteResult> results = new ArrayList<>();
            for (PlannedWrite planned : writes) {
                results.add(applyOne(planned));
            }
            return CompletableFuture.completedFuture(results);
        }

        private WriteResult applyOne(PlannedWrite planned) {
            if (outcomes.containsKey(planned.requestId())) {
                return new WriteResult.Duplicate(outcomes.get(planned.requestId()), false);
            }
            for (AtomicWrite.Condition condition : planned.write().conditions()) {
                attempts.merge(condition.key(), 1, Integer::sum);
                if (alwaysStale.contains(condition.key())) {
                    return new WriteResult.Stale();
                }
                String actual = hashes.getOrDefault(condition.key(), Map.of()).get(condition.field());
                if (!Objects.equals(actual, condition.expected())) {
                    return new WriteResult.Stale();
                }
            }
            for (AtomicWrite.Operation operation : planned.write().operations()) {
                Map<String, String> hash = hashes.computeIfAbsent(operation.key(), key -> new HashMap<>());
                for (int i = 0; i < operation.arguments().size(); i += 2) {
                    hash.put(operation.arguments().get(i), operation.arguments().get(i + 1));
                }
            }
            outcomes.put(planned.requestId(), planned.outcome());
            return new WriteResult.Applied();
        }

        @Override
        public CompletionStage<Void> markPublished(List<String> requestIds) {
            return CompletableFuture.completedFuture(null);
        }
    }
}
