package dev.courier.gateway.store;

/** A request to put on record, unless it is already. */
public record ClaimRequest(String requestId, RequestOrigin origin) {
}
