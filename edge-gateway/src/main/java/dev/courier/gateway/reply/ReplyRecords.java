package dev.courier.gateway.reply;

import dev.courier.gateway.store.ArrivedReply;
import dev.courier.schemas.kafka.CourierHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;

/** Reads replies off reply-topic records: the request id header and the encoded reply. */
final class ReplyRecords {

    private ReplyRecords() {
    }

    /** The replies in the batch; records without a request id or a value are counted as undecodable and skipped. */
    static List<ArrivedReply> replies(ConsumerRecords<byte[], byte[]> records, ReplyMetrics metrics) {
        List<ArrivedReply> replies = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            Optional<String> requestId = CourierHeaders.lastString(record.headers(), CourierHeaders.REQUEST_ID);
            if (requestId.isPresent() && record.value() != null) {
                replies.add(new ArrivedReply(requestId.get(), record.value(),
                        CourierHeaders.lastString(record.headers(), CourierHeaders.TRACEPARENT).orElse(null)));
            } else {
                metrics.undecodable();
            }
        }
        return replies;
    }
}
