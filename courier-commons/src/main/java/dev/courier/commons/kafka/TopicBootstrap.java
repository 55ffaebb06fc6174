package dev.courier.commons.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics a process writes to and reads from when they are missing, and leaves existing
 * ones as they are: the one topic bootstrap of every Courier process.
 */
public final class TopicBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrap.class);

    private static final Duration DESCRIBE_WITHIN = Duration.ofSeconds(30);
    private static final Duration METADATA_RETRY = Duration.ofMillis(100);

    private TopicBootstrap() {
    }

    /** @param partitionsByTopic partitions to create each missing topic with */
    public static void ensure(Admin admin, Map<String, Integer> partitionsByTopic, short replicationFactor) {
        ensure(admin, partitionsByTopic, replicationFactor, Map.of());
    }

    /** As above, creating the topics named in {@code configsByTopic} with those topic configs (e.g. compaction). */
    public static void ensure(Admin admin, Map<String, Integer> partitionsByTopic, short replicationFactor,
                              Map<String, Map<String, String>> configsByTopic) {
        Map<String, Integer> created = new HashMap<>();
        try {
            Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            for (var entry : partitionsByTopic.entrySet()) {
                if (existing.contains(entry.getKey())) {
                    continue;
                }
                try {
                    admin.createTopics(Set.of(new NewTopic(entry.getKey(), entry.getValue(), replicationFactor)
                                    .configs(configsByTopic.getOrDefault(entry.getKey(), Map.of())))).all().get(30, TimeUnit.SECONDS);
                    LOG.info("topic created topic={} partitions={} replicationFactor={}", entry.getKey(), entry.getValue(), replicationFactor);
                    created.put(entry.getKey(), entry.getValue());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    // Another process created it a moment ago, maybe with another count: it may not take writes yet either.
                    created.put(entry.getKey(), partitions(admin, entry.getKey()));
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create topics " + partitionsByTopic.keySet(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating topics", e);
        }
        awaitWritable(admin, created);
    }

    /**
     * Returns once every partition of the topics takes writes: its leader answers for it, which it
     * does only once it has created the partition's log. The controller acknowledges a new topic
     * before that; an idempotent producer writing at once can have its first batch refused while
     * later ones land, then retry the first forever (OUT_OF_ORDER_SEQUENCE_NUMBER) until its records
     * expire. Seen with ./bench ProducerCodecs writing right after creating its topics.
     */
    public static void awaitWritable(Admin admin, Map<String, Integer> partitionsByTopic) {
        if (partitionsByTopic.isEmpty()) {
            return;
        }
        Set<String> topics = partitionsByTopic.keySet();
        long deadline = System.nanoTime() + DESCRIBE_WITHIN.toNanos();
        try {
            Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
            partitionsByTopic.forEach((topic, partitions) -> {
                for (int partition = 0; partition < partitions; partition++) {
                    ends.put(new TopicPartition(topic, partition), OffsetSpec.latest());
                }
            });
            while (true) {
                try {
                    admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof RetriableException) || System.nanoTime() > deadline) {
                        throw new IllegalStateException("the partitions of " + topics + " do not take writes", e.getCause());
                    }
                    Thread.sleep(METADATA_RETRY.toMillis());
                }
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("the partitions of " + topics + " did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + topics, e);
        }
    }

    /**
     * Partitions of a topic (blocking). A topic just created may not be in the answering broker's
     * metadata yet (KRaft propagates it after the controller acknowledges), so an unknown topic is
     * asked about again until {@code DESCRIBE_WITHIN} has passed.
     */
    public static int partitions(Admin admin, String topic) {
        long deadline = System.nanoTime() + DESCRIBE_WITHIN.toNanos();
        try {
            while (true) {
                try {
                    return admin.describeTopics(Set.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
                            .get(topic).partitions().size();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(METADATA_RETRY.toMillis());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe topic " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing " + topic, e);
        }
    }
}
