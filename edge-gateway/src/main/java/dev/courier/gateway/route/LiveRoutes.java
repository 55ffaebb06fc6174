package dev.courier.gateway.route;

import java.util.function.Supplier;

/**
 * The route table in force. A request reads it once, when it is matched, and keeps the route it
 * matched to the end: a reload replaces the whole table at once and never changes a request in
 * flight.
 */
public final class LiveRoutes implements Supplier<RouteTable> {

    private volatile RouteTable current;

    public LiveRoutes(RouteTable initial) {
        this.current = initial;
    }

    @Override
    public RouteTable get() {
        return current;
    }

    public void replace(RouteTable next) {
        current = next;
    }
}
