package dev.courier.streams.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/** Who is in a consumer group, as the broker sees it. */
public final class GroupMembers {

    private GroupMembers() {
    }

    /** How many partitions each member of the group is assigned. */
    public static List<Integer> assignments(String bootstrapServers, String groupId) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(groupId)).describedGroups().get(groupId)
                    .get(30, TimeUnit.SECONDS);
            return group.members().stream().map(member -> member.assignment().topicPartitions().size()).toList();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe group " + groupId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
