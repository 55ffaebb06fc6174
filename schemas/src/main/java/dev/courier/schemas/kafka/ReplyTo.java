package dev.courier.schemas.kafka;

import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * Where a service sends the reply to a command: a topic and, when the sender owns one partition
 * of it (as each gateway instance does), that partition. Written in the {@link CourierHeaders#REPLY_TO}
 * header as {@code topic} or {@code topic:partition}.
 *
 * @param topic a legal Kafka topic name
 * @param partition the partition to write to, or empty to let the key (the request id) choose
 */
public record ReplyTo(String topic, OptionalInt partition) {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    public ReplyTo {
        if (topic == null || !TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("reply-to topic must be a legal Kafka topic name, was " + topic);
        }
        if (partition.isPresent() && partition.getAsInt() < 0) {
            throw new IllegalArgumentException("reply-to partition must not be negative, was " + partition.getAsInt());
        }
    }

    public static ReplyTo of(String topic, int partition) {
        return new ReplyTo(topic, OptionalInt.of(partition));
    }

    public static ReplyTo of(String topic) {
        return new ReplyTo(topic, OptionalInt.empty());
    }

    /** Reads a header value; a malformed one is an {@link IllegalArgumentException} naming the problem. */
    public static ReplyTo parse(String header) {
        if (header == null) {
            throw new IllegalArgumentException("reply-to is missing");
        }
        int colon = header.lastIndexOf(':');
        if (colon < 0) {
            return of(header);
        }
        String partition = header.substring(colon + 1);
        try {
            return of(header.substring(0, colon), Integer.parseInt(partition));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("reply-to partition must be a number, was '" + partition + "'", e);
        }
    }

    /** The header value. */
    /** The partition for a {@code ProducerRecord}: null lets the key choose. */
    public Integer partitionOrNull() {
        return partition.isPresent() ? partition.getAsInt() : null;
    }

    public String format() {
        return partition.isPresent() ? topic + ":" + partition.getAsInt() : topic;
    }

    @Override
    public String toString() {
        return format();
    }
}
