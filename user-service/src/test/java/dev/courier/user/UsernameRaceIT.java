package dev.courier.user;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.command.CreateUser;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.process.Await;
import dev.courier.infra.redis.RedisEndpoint;
import dev.courier.reply.Outcome;
import dev.courier.reply.Reply;
import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import dev.courier.service.ServiceRuntime;
import dev.courier.service.config.ServiceConfig;
import dev.courier.service.testing.CommandClient;
import dev.courier.service.testing.ServiceFixture;
import dev.courier.service.testing.TestServices;
import dev.courier.user.store.UserKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

@ExtendWith(InfraExtension.class)
class UsernameRaceIT {

    private static final int RACES = 20;

    @Test
    void shouldLetExactlyOneOfTwoConcurrentCreatesOfTheSameUsernameOnTwoInstancesWin(KafkaEndpoint kafka, RedisEndpoint redisEndpoint)
            throws Exception {
        // given two instances in one group, each owning one of the topic's two partitions
        ServiceConfig config = TestServices.config(UserService.DEFAULTS, kafka, redisEndpoint, Map.of(ServiceConfig.PARTITIONS, "2"));
        RedissonClient redis = ServiceFixture.redisson(redisEndpoint.uri());
        ServiceRuntime first = ServiceRuntime.start(config, UserService.definition(Clock.systemUTC()));
        ServiceRuntime second = ServiceRuntime.start(config, UserService.definition(Clock.systemUTC()));
        try (CommandClient client = new CommandClient(kafka, config.commandTopic(),
                     new SingleObjectCodec<>(Messages.USER_COMMANDS, SchemaCatalog.released()))) {
            Await.until("each instance to own one partition", Duration.ofSeconds(60), () -> eachMemberOwnsOnePartition(kafka, config),
                    () -> "not yet balanced");

            for (int race = 0; race < RACES; race++) {
                // when the same username is registered under two ids that land on different partitions, at once
                String username = "racer_" + UUID.randomUUID().toString().substring(0, 8);
                String idOnPartition0 = idOnPartition(0);
                String idOnPartition1 = idOnPartition(1);
                String request0 = client.send(idOnPartition0, new CreateUser(idOnPartition0, username, null, "password-0"), null);
                String request1 = client.send(idOnPartition1, new CreateUser(idOnPartition1, username.toUpperCase(), null, "password-1"), null);

                // then one wins and one gets a conflict, and one user holds the name
                List<Reply> replies = List.of(client.awaitReply(request0), client.awaitReply(request1));
                assertThat(replies).extracting(Reply::getOutcome).containsExactlyInAnyOrder(Outcome.OK, Outcome.CONFLICT);
                String winner = replies.get(0).getOutcome() == Outcome.OK ? idOnPartition0 : idOnPartition1;
                String loser = winner.equals(idOnPartition0) ? idOnPartition1 : idOnPartition0;
                assertThat(redis.<String, String>getMap(UserKeys.username(username), StringCodec.INSTANCE).get("userId")).isEqualTo(winner);
                assertThat(redis.getMap(UserKeys.user(loser), StringCodec.INSTANCE).isExists()).isFalse();
            }
        } finally {
            first.close();
            second.close();
            redis.shutdown();
        }
    }

    /** A fresh user id that the default partitioner sends to this partition of two. */
    private static String idOnPartition(int partition) {
        while (true) {
            String id = UUID.randomUUID().toString();
            if (Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % 2 == partition) {
                return id;
            }
        }
    }

    private static boolean eachMemberOwnsOnePartition(KafkaEndpoint kafka, ServiceConfig config) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(config.groupId())).all().get().get(config.groupId());
            return group.members().size() == 2
                    && group.members().stream().allMatch(member -> member.assignment().topicPartitions().size() == 1);
        } catch (ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
