package dev.courier.service;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.GetPost;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.reply.Outcome;
import dev.courier.schemas.Messages;
import dev.courier.schemas.command.Replies;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.service.command.CommandOutcome;
import dev.courier.service.command.Decisions;
import dev.courier.service.config.ServiceDefaults;
import dev.courier.service.internal.processing.BatchProcessor;
import dev.courier.service.store.AtomicWrite;
import dev.courier.service.testing.ServiceFixture;
import dev.courier.service.testing.TopicRecords;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.client.codec.StringCodec;

/** A command that can never be applied ends as an ERROR reply and a dead letter, and its partition moves on. */
@ExtendWith(InfraExtension.class)
class StuckCommandIT {

    private static final ServiceDefaults DEFAULTS = new ServiceDefaults("stuck-service", "stuck.commands", "stuck.events", "stuck.dlq", 0);

    @Test
    void shouldDeadLetterACommandThatStaysStaleAndAnswerTheNextOneOnItsKey(KafkaEndpoint kafka, RedisEndpoint redis) {
        // given: "stuck" always plans a write that requires a field Redis has, so every attempt is stale
        ServiceDefinition definition = new ServiceDefinition(DEFAULTS, "stuck:", Messages.BLOG_COMMANDS, Messages.BLOG_EVENTS,
                client -> command -> {
                    String postId = command.message(GetPost.class).getPostId();
                    if (!postId.startsWith("stuck")) {
                        return Decisions.answer(Replies.notFound("no post " + postId));
                    }
                    return CompletableFuture.completedFuture(Decisions.change(
                            AtomicWrite.builder().requireAbsent("stuck:" + postId, "title").hset("stuck:" + postId, Map.of("title", "x")).build(),
                            CommandOutcome.replyOnly(Replies.ok(null))));
                });
        try (ServiceFixture fixture = ServiceFixture.start(definition, kafka, redis, Map.of())) {
            fixture.redis().getMap("stuck:stuck-1", StringCodec.INSTANCE).put("title", "already there");

            // when: the stuck command, then another with the same key, so on the same partition
            String stuck = fixture.client().send("stuck-1", new GetPost("stuck-1"), "alice");
            String next = fixture.client().send("stuck-1", new GetPost("after-stuck"), "alice");

            // then
            assertThat(fixture.client().awaitReply(stuck).getOutcome()).isEqualTo(Outcome.ERROR);
            assertThat(fixture.client().awaitReply(next).getOutcome()).isEqualTo(Outcome.NOT_FOUND);
            List<ConsumerRecord<byte[], byte[]>> deadLetters = TopicRecords.awaitAtLeast(kafka, fixture.service().config().deadLetterTopic(), 1);
            assertThat(CourierHeaders.lastString(deadLetters.get(0).headers(), CourierHeaders.DLQ_ERROR_CLASS)).contains(BatchProcessor.STALE_WRITE);
            assertThat(CourierHeaders.lastString(deadLetters.get(0).headers(), CourierHeaders.REQUEST_ID)).contains(stuck);
        }
    }
}
