package dev.courier.lag.collect;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads {@link Offsets} with four Admin calls per round, whatever the number of groups: list the
 * consumer groups, describe the watched ones, list their committed offsets, list the log-end and
 * log-start offsets of every partition involved (plus the dead-letter topics').
 */
public final class OffsetReader {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final Predicate<String> watched;
    private final Clock clock;

    public OffsetReader(Admin admin, Predicate<String> watched, Clock clock) {
        this.admin = admin;
        this.watched = watched;
        this.clock = clock;
    }

    /** @param alsoLogsOf partitions whose log offsets are read even when no group consumes them (dead-letter topics) */
    public Offsets read(Collection<TopicPartition> alsoLogsOf) throws InterruptedException, ExecutionException, TimeoutException {
        long now = clock.millis();
        Collection<GroupListing> listed = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> names = listed.stream()
                .filter(listing -> listing.type().map(type -> type == GroupType.CONSUMER || type == GroupType.CLASSIC).orElse(true))
                .map(GroupListing::groupId).filter(watched).sorted().toList();
        Map<String, ConsumerGroupDescription> described = names.isEmpty() ? Map.of()
                : admin.describeConsumerGroups(names).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<String, ListConsumerGroupOffsetsSpec> specs = names.stream()
                .collect(Collectors.toMap(name -> name, name -> new ListConsumerGroupOffsetsSpec()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = names.isEmpty() ? Map.of()
                : admin.listConsumerGroupOffsets(specs).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);

        Map<String, Offsets.Group> groups = new HashMap<>();
        Set<TopicPartition> partitions = new HashSet<>(alsoLogsOf);
        for (String name : names) {
            ConsumerGroupDescription description = described.get(name);
            Map<TopicPartition, Offsets.Member> owners = new HashMap<>();
            int members = 0;
            if (description != null) {
                for (MemberDescription member : description.members()) {
                    members++;
                    member.assignment().topicPartitions().forEach(partition ->
                            owners.put(partition, new Offsets.Member(member.consumerId(), member.clientId(), member.host())));
                }
            }
            Map<TopicPartition, Long> offsets = new HashMap<>();
            committed.getOrDefault(name, Map.of()).forEach((partition, offset) -> {
                if (offset != null) {
                    offsets.put(partition, offset.offset());
                }
            });
            partitions.addAll(owners.keySet());
            partitions.addAll(offsets.keySet());
            String state = description == null ? "UNKNOWN" : description.groupState().name();
            groups.put(name, new Offsets.Group(name, state, owners, members, offsets));
        }
        return new Offsets(now, groups, logs(partitions));
    }

    private Map<TopicPartition, Offsets.Log> logs(Set<TopicPartition> partitions)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        partitions.forEach(partition -> {
            latest.put(partition, OffsetSpec.latest());
            earliest.put(partition, OffsetSpec.earliest());
        });
        ListOffsetsResult ends = admin.listOffsets(latest);
        ListOffsetsResult starts = admin.listOffsets(earliest);
        Map<TopicPartition, Offsets.Log> logs = new HashMap<>();
        for (TopicPartition partition : partitions) {
            try {
                long end = ends.partitionResult(partition).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).offset();
                long start = starts.partitionResult(partition).get(TIMEOUT_SECONDS, TimeUnit.SECONDS).offset();
                logs.put(partition, new Offsets.Log(start, end));
            } catch (ExecutionException e) {
                // A topic deleted since the group committed to it: its partitions have no log to show.
            }
        }
        return logs;
    }
}
