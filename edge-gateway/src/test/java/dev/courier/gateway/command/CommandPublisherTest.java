package dev.courier.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.BufferExhaustedException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandPublisherTest {

    private final Vertx vertx = Vertx.vertx();
    /** A producer the test answers by hand, on the test's thread. */
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final CommandPublisher publisher = new CommandPublisher(producer);

    @AfterEach
    void close() {
        publisher.close();
        vertx.close();
    }

    @Test
    void shouldHandTheCommandToTheProducerBeforeSendReturns() {
        publisher.send(vertx.getOrCreateContext(), "commands", "p-1", new byte[] {1}, new RecordHeaders(), () -> { }, error -> { });

        assertThat(producer.history()).singleElement().satisfies(record -> {
            assertThat(record.topic()).isEqualTo("commands");
            assertThat(record.key()).isEqualTo("p-1".getBytes());
        });
    }

    @Test
    void shouldTellAnAcknowledgementWhereKafkaToldItAndAFailureOnTheCallersContext() throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Context> acknowledgedOn = new CompletableFuture<>();
        CompletableFuture<Context> failedOn = new CompletableFuture<>();
        publisher.send(context, "commands", "p-1", new byte[] {1}, new RecordHeaders(),
                () -> acknowledgedOn.complete(Vertx.currentContext()), acknowledgedOn::completeExceptionally);
        publisher.send(context, "commands", "p-2", new byte[] {2}, new RecordHeaders(),
                () -> failedOn.completeExceptionally(new AssertionError("acknowledged")), error -> failedOn.complete(Vertx.currentContext()));

        producer.completeNext();
        producer.errorNext(new RuntimeException("the broker said no"));

        // the success is told on the thread Kafka told it on (no hop to an event loop), the failure on the caller's context
        assertThat(acknowledgedOn.get(30, TimeUnit.SECONDS)).isNull();
        assertThat(failedOn.get(30, TimeUnit.SECONDS)).isSameAs(context);
    }

    @Test
    void shouldCallAFullBufferTheCallersOverloadAndAnyOtherErrorKafkasFailure() throws Exception {
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Throwable> full = new CompletableFuture<>();
        CompletableFuture<Throwable> other = new CompletableFuture<>();
        publisher.send(context, "commands", "p-1", new byte[] {1}, new RecordHeaders(), () -> { }, full::complete);
        publisher.send(context, "commands", "p-2", new byte[] {2}, new RecordHeaders(), () -> { }, other::complete);

        // as Kafka's producer with max.block.ms=0 tells them: through the callback, at once
        producer.errorNext(new BufferExhaustedException("Failed to allocate 1024 bytes within the configured max blocking time 0 ms"));
        producer.errorNext(new TimeoutException("Topic commands not present in metadata after 0 ms."));

        assertThat(full.get(30, TimeUnit.SECONDS)).isInstanceOf(CommandPublisher.Full.class)
                .hasMessageContaining("buffer is full");
        assertThat(other.get(30, TimeUnit.SECONDS)).isInstanceOf(TimeoutException.class);
    }

    @Test
    void shouldFailOnTheCallersContextWhenTheProducerThrows() throws Exception {
        producer.close();
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Context> failedOn = new CompletableFuture<>();

        publisher.send(context, "commands", "p-1", new byte[] {1}, new RecordHeaders(), () -> { }, error -> failedOn.complete(Vertx.currentContext()));

        assertThat(failedOn.get(30, TimeUnit.SECONDS)).isSameAs(context);
    }

    @Test
    void shouldLearnATopicsPartitionsOnceKafkaTellsThem() {
        AtomicInteger asked = new AtomicInteger();
        CommandPublisher learning = new CommandPublisher(new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public List<PartitionInfo> partitionsFor(String topic) {
                if (asked.incrementAndGet() < 3) {
                    throw new TimeoutException("Topic " + topic + " not present in metadata after 0 ms.");
                }
                return List.of();
            }
        });

        learning.learn(List.of("commands"), Duration.ofSeconds(30));

        assertThat(asked).hasValue(3);
    }

    @Test
    void shouldRefuseATopicWhosePartitionsKafkaNeverTells() {
        producer.partitionsForException = new TimeoutException("Topic commands not present in metadata after 0 ms.");

        assertThatThrownBy(() -> publisher.learn(List.of("commands"), Duration.ofMillis(50)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Kafka told no partitions of topic commands within PT0.05S");
    }
}
