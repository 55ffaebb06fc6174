package dev.courier.schemas.command;

import dev.courier.schemas.kafka.ReplyTo;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Checks a reply-to address before a command is handled, so a reply to a topic or partition that
 * does not exist is a dead letter at once instead of a send that blocks and fails. Partition counts
 * are cached for a while, missing topics too.
 */
public final class ReplyTopics {

    private static final Duration CACHE_FOR = Duration.ofSeconds(30);

    private final Admin admin;
    private final Clock clock;
    private final Map<String, Known> partitionCounts = new ConcurrentHashMap<>();

    public ReplyTopics(Admin admin, Clock clock) {
        this.admin = admin;
        this.clock = clock;
    }

    /** Why replies cannot go to this address, or empty when they can. */
    public Optional<String> problemWith(ReplyTo replyTo) {
        Instant now = clock.instant();
        Known known = partitionCounts.get(replyTo.topic());
        if (known == null || known.until().isBefore(now)) {
            known = new Known(describe(replyTo.topic()), now.plus(CACHE_FOR));
            partitionCounts.put(replyTo.topic(), known);
        }
        if (known.partitions() == 0) {
            return Optional.of("reply-to topic " + replyTo.topic() + " does not exist");
        }
        if (replyTo.partition().isPresent() && replyTo.partition().getAsInt() >= known.partitions()) {
            return Optional.of("reply-to partition " + replyTo.partition().getAsInt() + " does not exist; "
                    + replyTo.topic() + " has " + known.partitions());
        }
        return Optional.empty();
    }

    private int describe(String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic))
                    .topicNameValues().get(topic).get(10, TimeUnit.SECONDS);
            return description.partitions().size();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return 0;
            }
            throw new IllegalStateException("cannot describe reply topic " + topic, e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot describe reply topic " + topic + " within 10 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing reply topic " + topic, e);
        }
    }

    private record Known(int partitions, Instant until) {
    }
}
