package dev.courier.blog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.blog.store.PostKeys;
import dev.courier.command.CreatePost;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.model.Post;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.command.CommandIntake;
import dev.courier.schemas.kafka.CourierHeaders;
import dev.courier.service.config.ServiceConfig;
import dev.courier.service.testing.CommandClient;
import dev.courier.service.testing.ConsumerLag;
import dev.courier.service.testing.ServiceFixture;
import dev.courier.service.testing.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BlogDeliveryIT {

    private KafkaEndpoint kafka;
    private ServiceFixture fixture;
    private ServiceConfig config;
    private CommandClient client;
    private RedissonClient redis;

    @BeforeAll
    void startService(KafkaEndpoint kafka, RedisEndpoint redisEndpoint) {
        this.kafka = kafka;
        fixture = ServiceFixture.start(BlogService.definition(Clock.systemUTC()), kafka, redisEndpoint, Map.of());
        config = fixture.service().config();
        client = fixture.client();
        redis = fixture.redis();
    }

    @AfterAll
    void stopService() {
        fixture.close();
    }

    @Test
    void shouldApplyCommandDeliveredThreeTimesOnceAndAnswerEachDeliveryIdentically() {
        String postId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();
        CreatePost create = new CreatePost(postId, "Once", "only once");

        for (int i = 0; i < 3; i++) {
            client.sendWithHeaders(postId, create, client.headers(requestId, "alice"));
        }

        client.awaitReplies(requestId, 3);
        List<byte[]> replies = client.rawReplies(requestId);
        assertThat(replies).hasSize(3);
        assertThat(replies.get(1)).isEqualTo(replies.get(0));
        assertThat(replies.get(2)).isEqualTo(replies.get(0));
        assertThat(redis.getLexSortedSet(PostKeys.authorPosts("alice")).readAll())
                .filteredOn(member -> member.endsWith(":" + postId)).hasSize(1);
        assertThat(eventKeys()).filteredOn(postId::equals).hasSize(1);
    }

    @Test
    void shouldDeadLetterEveryPoisonRecordWithErrorHeadersAndProcessAllOthers() {
        String author = "poison-" + UUID.randomUUID();
        List<String> requestIds = new ArrayList<>();
        List<Long> poisonOffsets = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            String postId = UUID.randomUUID().toString();
            String requestId = UUID.randomUUID().toString();
            Headers headers = client.headers(requestId, author);
            if (i % 100 == 0) {
                client.sendRaw(postId, ("not a command " + i).getBytes(StandardCharsets.UTF_8), headers);
            } else {
                client.sendWithHeaders(postId, new CreatePost(postId, "post " + i, "body"), headers);
                requestIds.add(requestId);
            }
        }
        client.flush();

        requestIds.forEach(requestId -> assertThat(client.awaitReply(requestId).getOutcome()).isEqualTo(Outcome.OK));
        List<ConsumerRecord<byte[], byte[]>> deadLetters = TopicRecords.awaitAtLeast(kafka, config.deadLetterTopic(), 10).stream()
                .filter(letter -> author.equals(header(letter, CourierHeaders.PRINCIPAL))).toList();
        assertThat(deadLetters).hasSize(10).allSatisfy(letter -> {
            assertThat(new String(letter.value(), StandardCharsets.UTF_8)).startsWith("not a command ");
            assertThat(header(letter, CourierHeaders.DLQ_ERROR_CLASS)).isEqualTo(CommandIntake.UNDECODABLE_VALUE);
            assertThat(header(letter, CourierHeaders.DLQ_ERROR_MESSAGE)).isNotBlank();
            assertThat(header(letter, CourierHeaders.DLQ_SOURCE_TOPIC)).isEqualTo(config.commandTopic());
            assertThat(header(letter, CourierHeaders.DLQ_SOURCE_PARTITION)).matches("\\d+");
            assertThat(header(letter, CourierHeaders.DLQ_SOURCE_OFFSET)).matches("\\d+");
            assertThat(header(letter, CourierHeaders.REQUEST_ID)).isNotBlank();
        });
        assertThat(redis.getLexSortedSet(PostKeys.authorPosts(author)).size()).isEqualTo(990);
        Await.until("lag back to 0", Duration.ofSeconds(30),
                () -> ConsumerLag.of(kafka, config.groupId(), config.commandTopic()) == 0, () -> "lag > 0");
        String after = UUID.randomUUID().toString();
        assertThat(client.awaitReply(client.send(after, new CreatePost(after, "still here", "yes"), author)).getOutcome())
                .isEqualTo(Outcome.OK);
    }

    @Test
    void shouldProcessJsonCommandFromOutsideProducerLikeAvro() {
        String postId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();

        client.sendJson(postId, CreatePost.getClassSchema().getFullName(),
                "{\"postId\":\"" + postId + "\",\"title\":\"From JSON\",\"content\":\"plain JSON body\"}",
                client.headers(requestId, "json-producer"));

        Reply reply = client.awaitReply(requestId);
        assertThat(reply.getOutcome()).isEqualTo(Outcome.OK);
        assertThat(((Post) reply.getPayload()).getTitle()).isEqualTo("From JSON");
        assertThat(redis.<String, String>getMap(PostKeys.post(postId), StringCodec.INSTANCE).get("authorId")).isEqualTo("json-producer");
    }

    @Test
    void shouldRejectBlankTitleInJsonCommandWithReplyNotDeadLetter() {
        String postId = UUID.randomUUID().toString();
        String requestId = UUID.randomUUID().toString();

        client.sendJson(postId, CreatePost.getClassSchema().getFullName(),
                "{\"postId\":\"" + postId + "\",\"title\":\" \",\"content\":\"x\"}", client.headers(requestId, "alice"));

        assertThat(client.awaitReply(requestId).getOutcome()).isEqualTo(Outcome.REJECTED);
    }

    @Test
    void shouldDeadLetterCommandWithoutRequestIdOrWithUnknownReplyTopic() {
        String postId = UUID.randomUUID().toString();
        Headers noRequestId = client.headers("x", "alice");
        noRequestId.remove(CourierHeaders.REQUEST_ID);
        Headers unknownReplyTopic = client.headers(UUID.randomUUID().toString(), "alice");
        CourierHeaders.put(unknownReplyTopic, CourierHeaders.REPLY_TO, "no-such-topic-" + postId + ":0");

        client.sendWithHeaders(postId, new CreatePost(postId, "a", "b"), noRequestId);
        client.sendWithHeaders(postId, new CreatePost(postId, "a", "b"), unknownReplyTopic);
        client.flush();

        Await.until("both dead letters", Duration.ofSeconds(30), () -> deadLettersFor(postId).size() == 2, () -> "fewer");
        assertThat(deadLettersFor(postId)).extracting(letter -> header(letter, CourierHeaders.DLQ_ERROR_CLASS))
                .containsExactlyInAnyOrder(CommandIntake.MISSING_HEADER, CommandIntake.INVALID_HEADER);
        assertThat(redis.getMap(PostKeys.post(postId), StringCodec.INSTANCE).isExists()).isFalse();
    }

    private List<ConsumerRecord<byte[], byte[]>> deadLettersFor(String key) {
        return TopicRecords.awaitAtLeast(kafka, config.deadLetterTopic(), 1).stream()
                .filter(letter -> key.equals(new String(letter.key(), StandardCharsets.UTF_8))).toList();
    }

    private List<String> eventKeys() {
        return TopicRecords.awaitAtLeast(kafka, config.eventTopic(), 1).stream()
                .map(record -> new String(record.key(), StandardCharsets.UTF_8)).toList();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return CourierHeaders.lastString(record.headers(), name).orElse(null);
    }
}
