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
            publisher.served(new AccessRecords.Served("create-post", "POST", 201, 5_000_000, 3_000_000, "ada"));
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
    void shouldDropAndCountWhatDoesNotFitRatherThanWait() throws InterruptedException {
        // given a producer stuck on its first record, and room for one more
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch sending = new CountDownLatch(1);
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> record, Callback callback) {
                sending.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.send(record, callback);
            }
        };
        try (AccessRecordPublisher publisher = new AccessRecordPublisher(producer, "access", "gw-1", codec, 1, meters)) {
            AccessRecords.Served request = new AccessRecords.Served("get-post", "GET", 404, 1_000, -1, null);
            publisher.served(request);
            assertThat(sending.await(10, TimeUnit.SECONDS)).as("the first record reached the producer").isTrue();

            // when
            publisher.served(request);
            publisher.served(request);
            publisher.served(request);

            // then
            assertThat(meters.get("courier.access.records").tag("result", "dropped").counter().count()).isEqualTo(2);
            release.countDown();
        }
        assertThat(producer.history()).hasSize(2);
    }
}
