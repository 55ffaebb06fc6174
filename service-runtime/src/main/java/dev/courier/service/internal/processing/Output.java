package dev.courier.service.internal.processing;

import org.apache.kafka.clients.producer.ProducerRecord;

/** A record a batch sends: a reply, an event or a dead letter. */
public record Output(Kind kind, ProducerRecord<byte[], byte[]> record) {

    public enum Kind { REPLY, EVENT, DEAD_LETTER }
}
