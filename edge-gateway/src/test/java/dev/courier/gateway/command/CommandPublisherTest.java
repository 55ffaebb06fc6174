package dev.courier.gateway.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandPublisherTest {

    private final Vertx vertx = Vertx.vertx();
    private final CountDownLatch sending = new CountDownLatch(1);
    private final CountDownLatch brokerBack = new CountDownLatch(1);
    /** A producer whose send blocks, as Kafka's does while it waits for metadata or buffer space. */
    private final MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
        @Override
        public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
            sending.countDown();
            try {
                brokerBack.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return super.send(record, callback);
        }
    };
    private final CommandPublisher publisher = new CommandPublisher(producer, 2);

    @AfterEach
    void close() {
        brokerBack.countDown();
        publisher.close();
        vertx.close();
    }

    @Test
    void shouldRefuseAtOnceWhenTheQueueInFrontOfABlockedProducerIsFull() throws Exception {
        Context context = vertx.getOrCreateContext();
        io.vertx.core.Future<Void> first = send(context);
        assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();
        io.vertx.core.Future<Void> second = send(context);
        io.vertx.core.Future<Void> third = send(context);

        io.vertx.core.Future<Void> fourth = send(context);

        assertThat(fourth.failed()).isTrue();
        assertThat(fourth.cause()).isInstanceOf(CommandPublisher.Full.class);
        assertThat(publisher.queued()).isEqualTo(2);
        brokerBack.countDown();
        io.vertx.core.Future.all(first, second, third).toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertThat(producer.history()).hasSize(3);
    }

    @Test
    void shouldTellAnAcknowledgementWhereKafkaToldItAndAFailureOnTheCallersContext() throws Exception {
        // given: a producer the test answers by hand, on the test's thread
        MockProducer<byte[], byte[]> answeredByHand = new MockProducer<>(false, null, new ByteArraySerializer(), new ByteArraySerializer());
        CommandPublisher quiet = new CommandPublisher(answeredByHand, 2);
        Context context = vertx.getOrCreateContext();
        CompletableFuture<Context> acknowledgedOn = new CompletableFuture<>();
        CompletableFuture<Context> failedOn = new CompletableFuture<>();
        quiet.send(context, "commands", "p-1", new byte[] {1}, new RecordHeaders(),
                () -> acknowledgedOn.complete(Vertx.currentContext()), acknowledgedOn::completeExceptionally);
        quiet.send(context, "commands", "p-2", new byte[] {2}, new RecordHeaders(),
                () -> failedOn.completeExceptionally(new AssertionError("acknowledged")), error -> failedOn.complete(Vertx.currentContext()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (answeredByHand.history().size() < 2 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }

        // when
        answeredByHand.completeNext();
        answeredByHand.errorNext(new RuntimeException("the broker said no"));

        // then: the success is told on the thread Kafka told it on (no hop to an event loop), the failure on the caller's context
        assertThat(acknowledgedOn.get(30, TimeUnit.SECONDS)).isNull();
        assertThat(failedOn.get(30, TimeUnit.SECONDS)).isSameAs(context);
        quiet.close();
    }

    private io.vertx.core.Future<Void> send(Context context) {
        Promise<Void> acknowledged = Promise.promise();
        publisher.send(context, "commands", "p-1", new byte[] {1}, new RecordHeaders(), acknowledged::complete, acknowledged::fail);
        return acknowledged.future();
    }
}
