package dev.courier.service.internal.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.service.internal.processing.Output;
import dev.courier.service.internal.processing.Output.Kind;
import dev.courier.service.testing.CapturedLog;
import dev.courier.service.testing.Eventually;
import dev.courier.service.testing.ManualAcksProducer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NotEnoughReplicasException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OutboxTest {

    private static final Output EVENT = output(Kind.EVENT, "events", "post p1 created");
    private static final Output REPLY = output(Kind.REPLY, "replies", "ok");
    private static final Output DEAD_LETTER = output(Kind.DEAD_LETTER, "dlq", "garbage");

    private final ManualAcksProducer producer = new ManualAcksProducer();
    private final Outbox outbox = new Outbox(producer);
    private final AtomicBoolean interruptedWhenFailed = new AtomicBoolean();
    private Thread sender;

    @AfterEach
    void releaseTheSender() throws InterruptedException {
        if (sender != null) {
            producer.completeAll();
            sender.interrupt();
            sender.join(Eventually.TIMEOUT.toMillis());
        }
    }

    @Test
    void shouldSendEveryRecordInOrderAndFlushThem() {
        MockProducer<byte[], byte[]> acknowledging = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());

        new Outbox(acknowledging).sendAll(List.of(EVENT, REPLY, DEAD_LETTER));

        assertThat(acknowledging.history()).containsExactly(EVENT.record(), REPLY.record(), DEAD_LETTER.record());
        assertThat(acknowledging.flushed()).isTrue();
    }

    @Test
    void shouldSendNothingForAnEmptyBatch() {
        new Outbox(producer).sendAll(List.of());

        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldReturnOnlyOnceKafkaAcknowledgedEveryRecord() throws Exception {
        CompletableFuture<Void> sent = sendAllInTheBackground(List.of(EVENT, REPLY, DEAD_LETTER));
        Eventually.until("three records sent", () -> producer.history().size() == 3);
        assertThat(producer.flushes()).isEqualTo(1);

        producer.completeNext();
        producer.completeNext();
        Eventually.untilWaitingIn(sender, Outbox.class);
        assertThat(sent).as("returned with the dead letter unacknowledged").isNotDone();

        producer.completeNext();
        sent.get(30, TimeUnit.SECONDS);
        assertThat(producer.history()).containsExactly(EVENT.record(), REPLY.record(), DEAD_LETTER.record());
    }

    static Stream<Arguments> undeliverable() {
        return Stream.of(Arguments.of(new UnknownTopicOrPartitionException("This server does not host this topic-partition.")),
                Arguments.of(new InvalidTopicException("replies!")),
                Arguments.of(new RecordTooLargeException("The message is 2000000 bytes when serialized")));
    }

    @ParameterizedTest
    @MethodSource("undeliverable")
    void shouldDropAnUndeliverableReplyWithAWarningAndWaitForTheRest(RuntimeException failure) throws Exception {
        try (CapturedLog log = CapturedLog.of(Outbox.class)) {
            CompletableFuture<Void> sent = sendAllInTheBackground(List.of(REPLY, EVENT));
            Eventually.until("two records sent", () -> producer.history().size() == 2);

            producer.errorNext(failure);
            Eventually.untilWaitingIn(sender, Outbox.class);
            assertThat(sent).as("returned with the event unacknowledged").isNotDone();
            producer.completeNext();

            sent.get(30, TimeUnit.SECONDS);
            assertThat(log.lines()).singleElement().asString()
                    .startsWith("WARN reply dropped topic=replies").contains(failure.getMessage());
        }
    }

    static Stream<Arguments> undeliverableEventsAndDeadLetters() {
        return undeliverable().flatMap(failure -> Stream.of(EVENT, DEAD_LETTER).map(output -> Arguments.of(output.kind(), failure.get()[0])));
    }

    @ParameterizedTest
    @MethodSource("undeliverableEventsAndDeadLetters")
    void shouldFailWhenAnEventOrDeadLetterCannotBeDelivered(Kind kind, RuntimeException failure) {
        Output output = kind == Kind.EVENT ? EVENT : DEAD_LETTER;
        CompletableFuture<Void> sent = sendAllInTheBackground(List.of(REPLY, output));
        Eventually.until("two records sent", () -> producer.history().size() == 2);

        producer.completeNext();
        producer.errorNext(failure);

        assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(KafkaException.class).hasMessage("could not deliver to " + output.record().topic()).cause().isSameAs(failure);
    }

    @Test
    void shouldFailWhenAReplyFailsForAReasonOtherThanItsAddress() {
        NotEnoughReplicasException failure = new NotEnoughReplicasException("Messages are rejected since there are fewer in-sync replicas");
        CompletableFuture<Void> sent = sendAllInTheBackground(List.of(REPLY, EVENT));
        Eventually.until("two records sent", () -> producer.history().size() == 2);

        producer.errorNext(failure);

        assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS)).cause()
                .isInstanceOf(KafkaException.class).hasMessage("could not deliver to replies").cause().isSameAs(failure);
    }

    @Test
    void shouldFailAtOnceWhenARecordCannotEvenBeSent() {
        MockProducer<byte[], byte[]> refusing = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        refusing.sendException = new TimeoutException("Topic events not present in metadata after 60000 ms.");

        assertThatThrownBy(() -> new Outbox(refusing).sendAll(List.of(EVENT, REPLY))).isSameAs(refusing.sendException);
        assertThat(refusing.history()).isEmpty();
    }

    @Test
    void shouldFailAndKeepTheInterruptWhenInterruptedWhileWaitingForAcknowledgements() {
        CompletableFuture<Void> sent = sendAllInTheBackground(List.of(EVENT, REPLY));
        Eventually.untilWaitingIn(sender, Outbox.class);

        sender.interrupt();

        assertThatThrownBy(() -> sent.get(30, TimeUnit.SECONDS)).cause().isInstanceOf(KafkaException.class)
                .hasMessage("interrupted while waiting for acknowledgements").cause().isInstanceOf(InterruptedException.class);
        assertThat(interruptedWhenFailed).as("the interrupt flag, restored for the caller").isTrue();
    }

    /** Runs sendAll on its own thread, since it blocks until the test acknowledges the records. */
    private CompletableFuture<Void> sendAllInTheBackground(List<Output> outputs) {
        CompletableFuture<Void> sent = new CompletableFuture<>();
        sender = new Thread(() -> {
            try {
                outbox.sendAll(outputs);
                sent.complete(null);
            } catch (RuntimeException e) {
                interruptedWhenFailed.set(Thread.currentThread().isInterrupted());
                sent.completeExceptionally(e);
            }
        }, "outbox-sender");
        sender.start();
        return sent;
    }

    private static Output output(Kind kind, String topic, String value) {
        return new Output(kind, new ProducerRecord<>(topic, 0, "p1".getBytes(StandardCharsets.UTF_8), value.getBytes(StandardCharsets.UTF_8)));
    }
}
