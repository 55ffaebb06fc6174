package dev.courier.schemas.topic;

/**
 * The key of an access record on {@link Topics#ACCESS_RECORDS}: route and status class, the key the
 * route analytics count by, so the gateways that write it and the processors that read it agree.
 */
public final class AccessRecordKeys {

    private AccessRecordKeys() {
    }

    /** {@code create-post/2xx}. */
    public static String of(String route, int status) {
        return route + "/" + statusClass(status);
    }

    /** {@code 2xx} for 200 to 299, and so on. */
    public static String statusClass(int status) {
        return (status / 100) + "xx";
    }
}
