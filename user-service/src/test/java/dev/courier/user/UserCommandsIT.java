package dev.courier.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.courier.command.CreateUser;
import dev.courier.command.GetUser;
import dev.courier.command.GetUserByUsername;
import dev.courier.event.UserCreated;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.model.User;
import dev.courier.reply.FieldError;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.DecodeResult;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.service.ServiceRuntime;
import dev.courier.service.testing.CommandClient;
import dev.courier.service.testing.ServiceFixture;
import dev.courier.service.testing.TopicRecords;
import dev.courier.user.command.PasswordHasher;
import dev.courier.user.store.UserKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

@ExtendWith(InfraExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserCommandsIT {

    private static final String PASSWORD = "correct horse battery staple";
    private static final SingleObjectCodec<SpecificRecord> EVENTS = new SingleObjectCodec<>(Messages.USER_EVENTS, SchemaCatalog.released());

    private KafkaEndpoint kafka;
    private ServiceFixture fixture;
    private ServiceRuntime service;
    private CommandClient client;
    private RedissonClient redis;

    @BeforeAll
    void startService(KafkaEndpoint kafka, RedisEndpoint redisEndpoint) {
        this.kafka = kafka;
        fixture = ServiceFixture.start(UserService.definition(Clock.systemUTC()), kafka, redisEndpoint, Map.of());
        service = fixture.service();
        client = fixture.client();
        redis = fixture.redis();
    }

    @AfterAll
    void stopService() {
        fixture.close();
    }

    @Test
    void shouldRegisterUserStoringOnlyAnArgon2idHashOfThePassword() {
        String userId = UUID.randomUUID().toString();
        String username = uniqueUsername();

        Reply reply = client.awaitReply(client.send(userId, new CreateUser(userId, username, "a@example.com", PASSWORD), null));

        assertThat(reply.getOutcome()).isEqualTo(Outcome.OK);
        assertThat(((User) reply.getPayload()).getUsername()).isEqualTo(username);
        Map<String, String> stored = redis.<String, String>getMap(UserKeys.user(userId), StringCodec.INSTANCE).readAllMap();
        assertThat(stored).containsEntry("username", username).containsEntry("email", "a@example.com");
        assertThat(stored.get("passwordHash")).startsWith("$argon2id$");
        assertThat(PasswordHasher.matches(PASSWORD, stored.get("passwordHash"))).isTrue();
        assertThat(stored.values()).noneMatch(value -> value.contains(PASSWORD));
        assertThat(redis.<String, String>getMap(UserKeys.username(username), StringCodec.INSTANCE).get("userId")).isEqualTo(userId);
    }

    @Test
    void shouldNeverCarryThePasswordInReplyOrEvent() {
        String userId = UUID.randomUUID().toString();
        String requestId = client.send(userId, new CreateUser(userId, uniqueUsername(), null, PASSWORD), null);
        client.awaitReply(requestId);

        assertThat(new String(client.rawReplies(requestId).get(0), StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
        var events = TopicRecords.awaitAtLeast(kafka, service.config().eventTopic(), 1).stream()
                .filter(record -> userId.equals(new String(record.key(), StandardCharsets.UTF_8))).toList();
        assertThat(events).singleElement().satisfies(record -> {
            assertThat(new String(record.value(), StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
            assertThat(((DecodeResult.Decoded<SpecificRecord>) EVENTS.decode(record.value())).message()).isInstanceOf(UserCreated.class);
        });
    }

    @Test
    void shouldRejectShortPasswordMalformedUsernameAndEmailWithFieldErrors() {
        String userId = UUID.randomUUID().toString();

        Reply reply = client.awaitReply(client.send(userId, new CreateUser(userId, "a b", "not-an-email", "short"), null));

        assertThat(reply.getOutcome()).isEqualTo(Outcome.REJECTED);
        assertThat(reply.getProblem().getFieldErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactlyInAnyOrder(tuple("username", "malformed"), tuple("email", "malformed"), tuple("password", "too_short"));
        assertThat(redis.getMap(UserKeys.user(userId), StringCodec.INSTANCE).isExists()).isFalse();
    }

    @Test
    void shouldAnswerConflictWhenUsernameIsTakenInAnyLetterCase() {
        String username = uniqueUsername();
        createUser(username);
        String secondId = UUID.randomUUID().toString();

        Reply reply = client.awaitReply(client.send(secondId, new CreateUser(secondId, username.toUpperCase(), null, PASSWORD), null));

        assertThat(reply.getOutcome()).isEqualTo(Outcome.CONFLICT);
        assertThat(reply.getProblem().getFieldErrors()).extracting(FieldError::getField, FieldError::getCode)
                .containsExactly(tuple("username", "taken"));
        assertThat(redis.getMap(UserKeys.user(secondId), StringCodec.INSTANCE).isExists()).isFalse();
    }

    @Test
    void shouldGetUserByIdAndByUsernameInAnyCaseWithoutPasswordHash() {
        String username = uniqueUsername();
        String userId = createUser(username);

        Reply byId = client.awaitReply(client.send(userId, new GetUser(userId), null));
        Reply byName = client.awaitReply(client.send(username, new GetUserByUsername(username.toUpperCase()), null));

        assertThat(List.of(byId, byName)).extracting(Reply::getOutcome).containsOnly(Outcome.OK);
        assertThat(((User) byName.getPayload()).getUserId()).isEqualTo(userId);
        assertThat(User.getClassSchema().getField("passwordHash")).isNull();
    }

    @Test
    void shouldAnswerNotFoundForUnknownUser() {
        Reply byId = client.awaitReply(client.send("x", new GetUser("no-such-user"), null));
        Reply byName = client.awaitReply(client.send("x", new GetUserByUsername("nobody-" + UUID.randomUUID().toString().substring(0, 8)), null));

        assertThat(List.of(byId, byName)).extracting(Reply::getOutcome).containsOnly(Outcome.NOT_FOUND);
    }

    private String createUser(String username) {
        String userId = UUID.randomUUID().toString();
        assertThat(client.awaitReply(client.send(userId, new CreateUser(userId, username, null, PASSWORD), null)).getOutcome())
                .isEqualTo(Outcome.OK);
        return userId;
    }

    private static String uniqueUsername() {
        return "user_" + UUID.randomUUID().toString().substring(0, 8);
    }
}
