package dev.courier.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.service.processing.ServiceMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class CommandLoopTest {

    private final MockConsumer<byte[], byte[]> consumer = new MockConsumer<>("earliest");
    // The loop dies on its first poll, before it touches a batch: no processor, outbox or writer needed.
    private final CommandLoop loop = new CommandLoop(consumer, "commands", null, null, null, () -> true, Duration.ofSeconds(1),
            new ServiceMetrics(new SimpleMeterRegistry()));

    @Test
    void shouldReportItsDeathWhenPollingFailsForGood() throws Exception {
        consumer.setPollException(new KafkaException("the group authorization failed"));

        Thread thread = new Thread(loop);
        thread.start();
        String reason = loop.ended().toCompletableFuture().get(30, TimeUnit.SECONDS);

        assertThat(reason).contains("died").contains("the group authorization failed");
        assertThat(loop.isAlive()).isFalse();
        thread.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void shouldEndAsStoppedWhenAskedTo() throws Exception {
        Thread thread = new Thread(loop);
        thread.start();

        assertThat(loop.stop(Duration.ofSeconds(30))).isTrue();

        assertThat(loop.ended().toCompletableFuture().get(30, TimeUnit.SECONDS)).endsWith("stopped");
        thread.join(TimeUnit.SECONDS.toMillis(30));
    }
}
