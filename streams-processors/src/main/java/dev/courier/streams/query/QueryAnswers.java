package dev.courier.streams.query;

import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.schemas.command.CommandIntake;
import dev.courier.schemas.kafka.MessageSerde;
import dev.courier.schemas.kafka.ReplyTo;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/** The query commands, read as bytes (a bad one is a dead letter with its original bytes), answered from the views. */
public final class QueryAnswers {

    private QueryAnswers() {
    }

    /**
     * Adds the answering to {@code builder}. The queries topic must have as many partitions as the
     * view's, so an author's query meets the author's statistics.
     *
     * @param replyToProblems why a reply cannot go to an address, or empty when it can
     * @param authorStatsStore the store of the author statistics
     * @param routeWindowsStore the (global) store of the route windows
     * @param deadLetterWindowsStore the (global) store of the dead-letter windows
     */
    public static void addTo(StreamsBuilder builder, String queriesTopic, String deadLetterTopic,
                             Function<ReplyTo, Optional<String>> replyToProblems, String authorStatsStore, String routeWindowsStore,
                             String deadLetterWindowsStore) {
        CommandIntake intake = new CommandIntake(MessageSerde.of(Messages.ANALYTICS_QUERIES).reader(), replyToProblems);
        SingleObjectCodec<Reply> replies = MessageSerde.of(Messages.REPLIES).codec();
        builder.stream(queriesTopic, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("queries"))
                .process(() -> new QueryAnswerer(intake, replies, deadLetterTopic, authorStatsStore, routeWindowsStore, deadLetterWindowsStore), authorStatsStore)
                .to(Outgoing.TOPIC, Produced.with(Serdes.ByteArray(), Outgoing.SERDE).withStreamPartitioner(Outgoing.PARTITION)
                        .withName("replies-and-dead-letters"));
    }
}
