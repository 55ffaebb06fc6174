package dev.courier.gateway.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.event.RequestServed;
import dev.courier.gateway.http.AccessRecords;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/** Access records leave without ever holding up a request. */
class AccessRecordPublisherTest {

    private final SingleObjectCodec<RequestServed> codec = new SingleObjectCodec<>(Messages.ACCESS_RECORDS, SchemaCatalog.released());
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void shouldPublishOneRecordKeyedByRouteAndStatusClass() {
        // given
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        try (AccessRecordPublisher publisher = new AccessRecordPublisher(producer, "access", "gw-1", codec, 10, meters)) {

            // when
            publisher.served(served("create-post", "POST", 201, 5_000_000, 3_000_000, "ada"));
        }

        // then, once closing has sent what was queued
        ProducerRecord<byte[], byte[]> record = producer.history().get(0);
        assertThat(new String(record.key(), StandardCharsets.UTF_8)).isEqualTo("create-post/2xx");
        RequestServed served = ((DecodeResult.Decoded<RequestServed>) codec.decode(record.value())).message();
        assertThat(served.getRoute()).isEqualTo("create-post");
        assertThat(served.getStatus()).isEqualTo(201);
        assertThat(served.getGatewayMicros()).isEqualTo(5_000);
        assertThat(served.getReplyWaitMicros()).isEqualTo(3_000);
        assertThat(served.getInstance()).isEqualTo("gw-1");
        assertThat(served.getPrincipal()).isEqualTo("ada");
        assertThat(meters.get("courier.access.records").tag("result", "sent").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldDropAndCountWhatDoesNotFitRatherThanWait() {
        // given room for one record, and no send before closing
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
        try (AccessRecordPublisher publisher = new AccessRecordPublisher(producer, "access", "gw-1", codec, 1, meters, Duration.ofHours(1))) {
            AccessRecords.Served request = served("get-post", "GET", 404, 1_000, -1, null);

            // when
            publisher.served(request);
            publisher.served(request);
            publisher.served(request);

            // then
            assertThat(meters.get("courier.access.records").tag("result", "dropped").counter().count()).isEqualTo(2);
            assertThat(producer.history()).isEmpty();
        }
        assertThat(producer.history()).hasSize(1);
    }

    @Test
    void shouldSendWhatGatheredOnItsOwnWithoutWaitingForClose() throws InterruptedException {
        // given a producer that tells when records reach it
        CountDownLatch reached = new CountDownLatch(2);
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                reached.countDown();
                return super.send(record, callback);
            }
        };
        try (AccessRecordPublisher publisher = new AccessRecordPublisher(producer, "access", "gw-1", codec, 10, meters, Duration.ofMillis(10))) {

            // when
            publisher.served(served("get-post", "GET", 200, 1_000, 500, "ada"));
            publisher.served(served("get-post", "GET", 200, 1_000, 500, "ada"));

            // then the sender thread sends them while the publisher still runs
            assertThat(reached.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static AccessRecords.Served served(String route, String method, int status, long gatewayNanos, long replyWaitNanos, String principal) {
        return new AccessRecords.Served(route, method, "/", status, gatewayNanos, replyWaitNanos, principal, 0L, "r-1", "r-1", "-");
    }
}
