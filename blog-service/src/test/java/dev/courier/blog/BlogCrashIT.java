package dev.courier.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.blog.store.PostKeys;
import dev.courier.command.CreatePost;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.process.ChildProcess;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.reply.Outcome;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.service.config.ServiceConfig;
import dev.courier.service.testing.CommandClient;
import dev.courier.service.testing.ServiceFixture;
import dev.courier.service.testing.TestServices;
import dev.courier.service.testing.TopicRecords;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.api.RedissonClient;

@ExtendWith(InfraExtension.class)
class BlogCrashIT {

    @Test
    void shouldGiveEveryCommandExactlyOneEffectAndReplyAfterSigkillMidStream(KafkaEndpoint kafka, RedisEndpoint redis,
                                                                            @TempDir Path dir) throws IOException {
        // given a blog service in its own process, taking 50 commands per batch
        Map<String, String> settings = new HashMap<>(TestServices.settings(BlogService.DEFAULTS, kafka, redis));
        settings.put(ServiceConfig.MAX_POLL_RECORDS, "50");
        Path configFile = writeConfig(dir, settings);
        ChildProcess first = startService(dir, configFile, "first");
        String author = "crash-" + UUID.randomUUID();
        List<String> requestIds = new ArrayList<>();
        try (CommandClient client = new CommandClient(kafka, settings.get(ServiceConfig.COMMAND_TOPIC),
                new SingleObjectCodec<>(Messages.BLOG_COMMANDS, SchemaCatalog.released()))) {
            for (int i = 0; i < 1000; i++) {
                String postId = UUID.randomUUID().toString();
                requestIds.add(client.send(postId, new CreatePost(postId, "post " + i, "body"), author));
            }
            client.flush();

            // when it is killed as soon as it has answered anything, and another takes over
            Await.until("first replies", Duration.ofSeconds(60), () -> client.pollReplies() > 0, first::toString);
            first.kill();
            int answeredBeforeKill = client.pollReplies();
            ChildProcess second = startService(dir, configFile, "second");
            try {
                // then every command has one reply (or identical ones) and exactly one post
                requestIds.forEach(requestId -> assertThat(client.awaitReply(requestId).getOutcome()).isEqualTo(Outcome.OK));
                requestIds.forEach(requestId -> assertThat(client.rawReplies(requestId)).as("replies to %s", requestId)
                        .allSatisfy(reply -> assertThat(reply).isEqualTo(client.rawReplies(requestId).get(0))));
                assertThat(postsIndexed(redis, author)).as("posts after %d answered before the kill", answeredBeforeKill)
                        .isEqualTo(1000);
                Set<String> postsWithEvents = TopicRecords.awaitAtLeast(kafka, settings.get(ServiceConfig.EVENT_TOPIC), 1000).stream()
                        .map(record -> new String(record.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
                assertThat(postsWithEvents).hasSize(1000);
            } finally {
                second.stop(Duration.ofSeconds(30));
            }
        }
    }

    private static ChildProcess startService(Path dir, Path configFile, String name) {
        return ChildProcess.startJava("blog-service-" + name, BlogService.class, configFile, dir.resolve(name + ".log"), "service started");
    }

    private static Path writeConfig(Path dir, Map<String, String> settings) throws IOException {
        Properties properties = new Properties();
        properties.putAll(settings);
        Path file = dir.resolve("blog-service.properties");
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "blog service under test");
        }
        return file;
    }

    private static int postsIndexed(RedisEndpoint endpoint, String author) {
        RedissonClient redis = ServiceFixture.redisson(endpoint.uri());
        try {
            return redis.getLexSortedSet(PostKeys.authorPosts(author)).size();
        } finally {
            redis.shutdown();
        }
    }
}
