package dev.courier.schemas.command;

/** Where a record was read: what a dead letter and a log line name. */
public record SourcePosition(String topic, int partition, long offset) {

    @Override
    public String toString() {
        return topic + "-" + partition + "@" + offset;
    }
}
