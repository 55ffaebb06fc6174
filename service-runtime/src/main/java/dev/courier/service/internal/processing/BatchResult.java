package dev.courier.service.internal.processing;

import java.util.List;

/**
 * What a batch sends, and the requests whose newly stored events are among those records: once
 * Kafka acknowledged them, they are marked published.
 */
public record BatchResult(List<Output> outputs, List<String> eventsToMarkPublished) {

    public BatchResult {
        outputs = List.copyOf(outputs);
        eventsToMarkPublished = List.copyOf(eventsToMarkPublished);
    }
}
