package dev.courier.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.blog.store.PostKeys;
import dev.courier.command.CreatePost;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisServer;
import dev.courier.reply.Outcome;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.service.ServiceRuntime;
import dev.courier.service.config.ServiceConfig;
import dev.courier.service.testing.CommandClient;
import dev.courier.service.testing.ConsumerLag;
import dev.courier.service.testing.ServiceFixture;
import dev.courier.service.testing.TestServices;
import dev.courier.service.testing.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;

@ExtendWith(InfraExtension.class)
class BlogRedisOutageIT {

    @Test
    void shouldPauseWhileRedisIsDownThenApplyEveryCommandExactlyOnceWithoutErrorReplies(KafkaEndpoint kafka) {
        // given a service on a Redis of this test's own, and commands already flowing
        try (RedisServer redisServer = RedisServer.builder().appendFsync("always").start()) {
            ServiceConfig config = TestServices.config(BlogService.DEFAULTS, kafka, redisServer,
                    Map.of(ServiceConfig.REDIS_TIMEOUT, "1s", ServiceConfig.MAX_BACKOFF, "500ms", ServiceConfig.MAX_POLL_RECORDS, "50"));
            String author = "outage-" + UUID.randomUUID();
            List<String> requestIds = new ArrayList<>();
            try (ServiceRuntime service = ServiceRuntime.start(config, BlogService.definition(Clock.systemUTC()));
                 CommandClient client = new CommandClient(kafka, config.commandTopic(),
                         new SingleObjectCodec<>(Messages.BLOG_COMMANDS, SchemaCatalog.released()))) {
                sendPosts(client, author, 200, requestIds);
                client.awaitReply(requestIds.get(0));
                sendPosts(client, author, 200, requestIds);
                client.flush();

                // when Redis goes away under load, and comes back a little later
                redisServer.stop();
                sendPosts(client, author, 200, requestIds);
                client.flush();
                Await.until("the service to pause for Redis", Duration.ofSeconds(30), service::isWaitingForRedis, () -> "still consuming");
                redisServer.start();

                // then every command was applied once and answered OK
                requestIds.forEach(requestId -> assertThat(client.awaitReply(requestId).getOutcome())
                        .as("reply to %s", requestId).isEqualTo(Outcome.OK));
                requestIds.forEach(requestId -> assertThat(client.rawReplies(requestId))
                        .as("every reply to %s says the same", requestId)
                        .allSatisfy(reply -> assertThat(reply).isEqualTo(client.rawReplies(requestId).get(0))));
                Await.until("lag back to 0", Duration.ofSeconds(30),
                        () -> ConsumerLag.of(kafka, config.groupId(), config.commandTopic()) == 0, () -> "lag > 0");
                assertThat(postsIndexed(redisServer.uri(), author)).isEqualTo(600);
                Map<String, Long> eventsPerPost = TopicRecords.awaitAtLeast(kafka, config.eventTopic(), 600).stream()
                        .collect(Collectors.groupingBy(record -> new String(record.key(), StandardCharsets.UTF_8), Collectors.counting()));
                assertThat(eventsPerPost).hasSize(600);
                assertThat(service.isWaitingForRedis()).isFalse();
            }
        }
    }

    private static void sendPosts(CommandClient client, String author, int count, List<String> requestIds) {
        for (int i = 0; i < count; i++) {
            String postId = UUID.randomUUID().toString();
            requestIds.add(client.send(postId, new CreatePost(postId, "post " + requestIds.size(), "body"), author));
        }
    }

    private static int postsIndexed(String redisUri, String author) {
        RedissonClient redis = ServiceFixture.redisson(redisUri);
        try {
            return redis.getLexSortedSet(PostKeys.authorPosts(author)).size();
        } finally {
            redis.shutdown();
        }
    }

}
