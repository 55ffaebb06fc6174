package dev.courier.gateway.store;

/** The answer of {@link RequestStore#claim}: a request seen for the first time, or again. */
public sealed interface Claim {

    record New() implements Claim {
    }

    record Existing(RequestRecord record) implements Claim {
    }
}
