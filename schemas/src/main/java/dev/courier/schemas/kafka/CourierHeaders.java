package dev.courier.schemas.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Names of the Kafka record headers Courier reads and writes. All values are UTF-8 strings.
 *
 * <p>On a command: {@link #REQUEST_ID} (required), {@link #PRINCIPAL} (required for commands that
 * act on behalf of a user), {@link #REPLY_TO} (optional: no reply-to, no reply), {@link #CORRELATION_ID},
 * {@link #TRACEPARENT}, and {@link #CONTENT_TYPE} with {@link #MESSAGE_TYPE} for JSON values. A reply
 * carries the command's request and correlation ids back.
 */
public final class CourierHeaders {

    /** Unique id of one request; the idempotency key of the command's effect. */
    public static final String REQUEST_ID = "courier-request-id";
    /** Id that ties together the requests of one business flow, chosen by the client. */
    public static final String CORRELATION_ID = "courier-correlation-id";
    /** Where the reply goes: {@code topic} or {@code topic:partition}; see {@link ReplyTo}. */
    public static final String REPLY_TO = "courier-reply-to";
    /** Authenticated subject on whose behalf the command acts. */
    public static final String PRINCIPAL = "courier-principal";
    /** W3C trace context. */
    public static final String TRACEPARENT = "traceparent";
    /** Encoding of the value: absent for Avro single-object encoding, {@value ContentTypes#JSON} for JSON. */
    public static final String CONTENT_TYPE = "content-type";
    /** Full Avro name of the value's schema, e.g. {@code dev.courier.command.CreatePost}; required with JSON values. */
    public static final String MESSAGE_TYPE = "courier-message-type";

    /** Dead letters: the class of the error that sent the record there. */
    public static final String DLQ_ERROR_CLASS = "courier-dlq-error-class";
    /** Dead letters: the error's message. */
    public static final String DLQ_ERROR_MESSAGE = "courier-dlq-error-message";
    /** Dead letters: where the original record was read. */
    public static final String DLQ_SOURCE_TOPIC = "courier-dlq-source-topic";
    public static final String DLQ_SOURCE_PARTITION = "courier-dlq-source-partition";
    public static final String DLQ_SOURCE_OFFSET = "courier-dlq-source-offset";

    /** Prefix of every header Courier owns; a gateway strips client headers that carry it. */
    public static final String COURIER_PREFIX = "courier-";

    private static final Pattern PRINTABLE_ID = Pattern.compile("[\\x21-\\x7e]{1,128}");
    private static final Pattern TRACEPARENT_VALUE = Pattern.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

    private CourierHeaders() {
    }

    /**
     * Whether a value may be a request id, correlation id or principal: 1 to 128 printable ASCII
     * characters without spaces. These end up in Kafka headers, Redis keys and logs.
     */
    public static boolean isPrintableId(String value) {
        return value != null && PRINTABLE_ID.matcher(value).matches();
    }

    /** Whether a value is a well-formed W3C {@code traceparent}; one that is not is dropped, not refused. */
    public static boolean isTraceparent(String value) {
        return value != null && TRACEPARENT_VALUE.matcher(value).matches();
    }

    /** The last value of a header as a string, if present. */
    public static Optional<String> lastString(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /**
     * A dead letter's headers: the original record's, plus what went wrong and where it was read.
     * Every process that answers commands writes its dead letters with these.
     */
    public static Headers deadLetter(Headers original, String errorClass, String message, String topic, int partition, long offset) {
        Headers headers = new RecordHeaders(original.toArray());
        put(headers, DLQ_ERROR_CLASS, errorClass);
        put(headers, DLQ_ERROR_MESSAGE, message);
        put(headers, DLQ_SOURCE_TOPIC, topic);
        put(headers, DLQ_SOURCE_PARTITION, Integer.toString(partition));
        put(headers, DLQ_SOURCE_OFFSET, Long.toString(offset));
        return headers;
    }

    /** Replaces any value of a header with this string. */
    public static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
