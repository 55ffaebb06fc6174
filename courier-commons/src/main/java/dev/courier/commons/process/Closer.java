package dev.courier.commons.process;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The resources a process opened, closed newest first: register each one as soon as it exists, so a
 * start that fails half-way closes exactly what it opened. A resource that fails to close is logged
 * and the rest are still closed.
 */
public final class Closer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Closer.class);

    private final Deque<Named> resources = new ArrayDeque<>();

    /** Registers {@code resource} under {@code name} (for the log) and returns it. */
    public synchronized <T extends AutoCloseable> T register(String name, T resource) {
        resources.push(new Named(name, resource));
        return resource;
    }

    /** Closes everything registered, newest first; closing again does nothing. */
    @Override
    public void close() {
        Named next;
        while ((next = pop()) != null) {
            try {
                next.resource().close();
            } catch (Exception e) {
                LOG.warn("close failed resource={} error={}", next.name(), e.toString());
            }
        }
    }

    private synchronized Named pop() {
        return resources.poll();
    }

    private record Named(String name, AutoCloseable resource) {
    }
}
