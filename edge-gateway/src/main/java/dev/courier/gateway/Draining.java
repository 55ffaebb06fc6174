package dev.courier.gateway;

/** Set once shutdown begins: new requests get 503 and readiness goes down. */
final class Draining {

    private volatile boolean active;

    void begin() {
        active = true;
    }

    boolean active() {
        return active;
    }
}
