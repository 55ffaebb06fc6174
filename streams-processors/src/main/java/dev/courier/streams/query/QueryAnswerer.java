package dev.courier.streams.query;

import dev.courier.command.GetAuthorStats;
import dev.courier.command.GetDeadLetterStats;
import dev.courier.command.GetRouteStats;
import dev.courier.model.AuthorStats;
import dev.courier.reply.Reply;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.command.CommandIntake;
import dev.courier.schemas.command.IncomingCommand;
import dev.courier.schemas.command.Intake;
import dev.courier.schemas.command.Replies;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.schemas.kafka.ReplyTo;
import dev.courier.schemas.validation.RecordValidator;
import dev.courier.schemas.validation.Violation;
import dev.courier.streams.author.AuthorStatsMath;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Answers the query commands from the views, exactly as a service answers its commands: the same
 * intake (request id, reply-to, decoding; what fails it is a dead letter with the services' error
 * headers), a {@link Reply} to the query's reply-to with the request and correlation ids copied,
 * and a rejection, field by field, for a query that breaks its schema's bounds.
 */
final class QueryAnswerer implements Processor<byte[], byte[], byte[], Outgoing> {

    private final CommandIntake intake;
    private final SingleObjectCodec<Reply> replies;
    private final String deadLetterTopic;
    private final String authorStatsStore;
    private final String routeWindowsStore;
    private final String deadLetterWindowsStore;
    private ProcessorContext<byte[], Outgoing> context;
    private KeyValueStore<String, ValueAndTimestamp<AuthorStats>> authorStats;
    private RouteStatsQuery routeStats;
    private DeadLetterStatsQuery deadLetterStats;

    QueryAnswerer(CommandIntake intake, SingleObjectCodec<Reply> replies, String deadLetterTopic, String authorStatsStore,
                  String routeWindowsStore, String deadLetterWindowsStore) {
        this.intake = intake;
        this.replies = replies;
        this.deadLetterTopic = deadLetterTopic;
        this.authorStatsStore = authorStatsStore;
        this.routeWindowsStore = routeWindowsStore;
        this.deadLetterWindowsStore = deadLetterWindowsStore;
    }

    @Override
    public void init(ProcessorContext<byte[], Outgoing> context) {
        this.context = context;
        this.authorStats = context.getStateStore(authorStatsStore);
        this.routeStats = new RouteStatsQuery(context.getStateStore(routeWindowsStore));
        this.deadLetterStats = new DeadLetterStatsQuery(context.getStateStore(deadLetterWindowsStore));
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        ConsumerRecord<byte[], byte[]> raw = new ConsumerRecord<>(source.topic(), source.partition(), source.offset(), record.timestamp(),
                TimestampType.CREATE_TIME, -1, -1, record.key(), record.value(), record.headers(), Optional.empty());
        Intake read = intake.read(raw);
        if (read instanceof Intake.Poison poison) {
            context.forward(record.withValue(new Outgoing(deadLetterTopic, null, record.value())).withHeaders(CourierHeaders.deadLetter(
                    record.headers(), poison.errorClass(), poison.message(), source.topic(), source.partition(), source.offset())));
            return;
        }
        IncomingCommand query = ((Intake.Accepted) read).command();
        if (query.replyTo().isEmpty()) {
            // No reply-to, no reply: a query asked that way has nobody to answer.
            return;
        }
        ReplyTo replyTo = query.replyTo().get();
        context.forward(new Record<>(query.requestId().getBytes(StandardCharsets.UTF_8),
                new Outgoing(replyTo.topic(), replyTo.partitionOrNull(), replies.encode(answer(query))), record.timestamp(), query.tracing()));
    }

    private Reply answer(IncomingCommand query) {
        List<Violation> violations = RecordValidator.validate(query.message());
        if (!violations.isEmpty()) {
            return Replies.rejected(violations);
        }
        if (query.message() instanceof GetAuthorStats stats) {
            return authorStats(query, stats);
        }
        if (query.message() instanceof GetRouteStats stats) {
            return routeStats.answer(stats);
        }
        if (query.message() instanceof GetDeadLetterStats stats) {
            return deadLetterStats.answer(stats);
        }
        throw new IllegalStateException("no answer for " + query.message().getSchema().getFullName());
    }

    private Reply authorStats(IncomingCommand query, GetAuthorStats stats) {
        if (!stats.getAuthorId().equals(query.key())) {
            // The view is partitioned by author: under another key, this partition may not hold it.
            return Replies.rejected(List.of(new Violation("authorId", Violation.NOT_ALLOWED,
                    "must equal the record's key, which must be the author id")));
        }
        ValueAndTimestamp<AuthorStats> known = authorStats.get(stats.getAuthorId());
        return Replies.view(known == null ? AuthorStatsMath.zero(stats.getAuthorId()) : known.value());
    }
}
