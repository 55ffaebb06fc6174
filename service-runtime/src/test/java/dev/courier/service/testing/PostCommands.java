package dev.courier.service.testing;

import dev.courier.command.CreatePost;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.command.CommandIntake;
import dev.courier.schemas.command.Replies;
import dev.courier.schemas.json.JsonToAvro;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.MessageReader;
import dev.courier.service.command.CommandHandler;
import dev.courier.service.command.CommandOutcome;
import dev.courier.service.command.Decisions;
import dev.courier.service.internal.processing.BatchProcessor;
import dev.courier.service.internal.processing.CommandSpans;
import dev.courier.service.internal.processing.OutcomeEncoder;
import dev.courier.service.internal.processing.OutgoingRecords;
import dev.courier.service.internal.processing.ServiceMetrics;
import dev.courier.service.store.AtomicWrite;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A service small enough for broker-less tests: {@code CreatePost} commands, a handler that creates
 * a post unless its id is taken, kept as one hash per post in an {@link InMemoryAtomicWriter}, and
 * the {@link BatchProcessor} around them.
 */
public final class PostCommands {

    public static final SingleObjectCodec<SpecificRecord> COMMANDS = new SingleObjectCodec<>(Messages.BLOG_COMMANDS, SchemaCatalog.released());
    public static final SingleObjectCodec<Reply> REPLIES = new SingleObjectCodec<>(Messages.REPLIES, SchemaCatalog.released());
    public static final String EVENT_TOPIC = "events";
    public static final String DEAD_LETTER_TOPIC = "dlq";

    private PostCommands() {
    }

    /** Creates a post unless its id is taken: the state is the title field of {@code post:<id>}. */
    public static CommandHandler createPost(InMemoryAtomicWriter store) {
        return command -> {
            CreatePost create = command.message(CreatePost.class);
            String key = "post:" + create.getPostId();
            return CompletableFuture.completedFuture(store.field(key, "title") != null
                    ? Decisions.settle(Replies.conflict("taken", List.of()))
                    : Decisions.change(AtomicWrite.builder().requireAbsent(key, "title").hset(key, Map.of("title", create.getTitle())).build(),
                            CommandOutcome.of(Replies.ok(null), new CommandOutcome.Event(create.getPostId(), create))));
        };
    }

    /** The same, decided without reading: the write's condition answers the conflict itself. */
    public static CommandHandler createPostWithoutReading() {
        return command -> {
            CreatePost create = command.message(CreatePost.class);
            String key = "post:" + create.getPostId();
            return CompletableFuture.completedFuture(Decisions.changeOrElse(
                    AtomicWrite.builder().requireAbsent(key, "title").hset(key, Map.of("title", create.getTitle())).build(),
                    CommandOutcome.of(Replies.ok(null), new CommandOutcome.Event(create.getPostId(), create)),
                    Replies.conflict("taken", List.of())));
        };
    }

    /** Every reply address is reachable; events go to {@value #EVENT_TOPIC}, dead letters to {@value #DEAD_LETTER_TOPIC}. */
    public static BatchProcessor processor(CommandHandler handler, InMemoryAtomicWriter store, ServiceMetrics metrics) {
        return processor(handler, store, metrics, CommandSpans.off());
    }

    /** The same, with the commands' spans made by {@code spans}. */
    public static BatchProcessor processor(CommandHandler handler, InMemoryAtomicWriter store, ServiceMetrics metrics, CommandSpans spans) {
        return new BatchProcessor(new CommandIntake(new MessageReader<>(COMMANDS, new JsonToAvro()), replyTo -> Optional.empty()),
                handler, store, new OutcomeEncoder(REPLIES, COMMANDS), new OutgoingRecords(EVENT_TOPIC, DEAD_LETTER_TOPIC), metrics, spans);
    }

    /** The value of a command record creating this post. */
    public static byte[] createPost(String postId, String title) {
        return COMMANDS.encode(new CreatePost(postId, title, "body"));
    }

    /** The headers of a command with this request id, answered to {@code replyTo} ("topic" or "topic:partition"). */
    public static Headers commandHeaders(String requestId, String replyTo) {
        RecordHeaders headers = new RecordHeaders();
        CourierHeaders.put(headers, CourierHeaders.REQUEST_ID, requestId);
        CourierHeaders.put(headers, CourierHeaders.REPLY_TO, replyTo);
        return headers;
    }

    /** The outcome a reply record's value carries. */
    public static Outcome outcomeOf(byte[] replyValue) {
        return ((DecodeResult.Decoded<Reply>) REPLIES.decode(replyValue)).message().getOutcome();
    }
}
