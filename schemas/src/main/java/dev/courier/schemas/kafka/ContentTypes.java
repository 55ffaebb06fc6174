package dev.courier.schemas.kafka;

import java.util.Locale;

/** Values of the {@link CourierHeaders#CONTENT_TYPE} header Courier accepts. */
public final class ContentTypes {

    /** Avro single-object encoding; also what an absent content-type means. */
    public static final String AVRO = "application/vnd.apache.avro+single-object";
    /** UTF-8 JSON mapped as {@link dev.courier.schemas.json.JsonToAvro} describes; needs {@link CourierHeaders#MESSAGE_TYPE}. */
    public static final String JSON = "application/json";

    private ContentTypes() {
    }

    /** Whether a content-type header value means JSON (parameters such as charset ignored). */
    public static boolean isJson(String contentType) {
        return mediaType(contentType).equals(JSON);
    }

    /** Whether a content-type header value (or its absence, null) means Avro single-object encoding. */
    public static boolean isAvro(String contentType) {
        return contentType == null || mediaType(contentType).equals(AVRO);
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }
}
