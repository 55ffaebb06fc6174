package dev.courier.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ReplyConsumerTest {

    @Test
    void shouldReportItsDeathSoReadinessGoesDown() throws Exception {
        MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
        TopicPartition partition = new TopicPartition("replies", 3);
        consumer.updateBeginningOffsets(Map.of(partition, 0L));
        consumer.setPollException(new KafkaException("the reply topic's partition is gone"));
        // It dies on its first poll: no reply is ever routed or stored.
        ReplyConsumer replies = new ReplyConsumer(consumer, partition, new ReplyRouter(new ReplyMetrics()), null, new ReplyMetrics());

        replies.start();
        String reason = replies.ended().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(reason).contains("died").contains("the reply topic's partition is gone");
        assertThat(replies.isAlive()).isFalse();
        replies.close();
        assertThat(consumer.closed()).isTrue();
    }
}
