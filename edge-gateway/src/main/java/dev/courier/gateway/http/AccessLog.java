package dev.courier.gateway.http;

import dev.courier.commons.process.Gathering;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The access log: one key=value line per answered request (ids, the trace's too, method, path,
 * status, time; never bodies or tokens), 5xx at WARN, the rest at INFO. The event loops only put
 * the facts in a bounded queue (a full one drops the line and counts it); one thread writes what
 * has gathered every {@link #WRITE_EVERY}, so a line costs no thread wake-up of its own. That
 * thread writes to stdout itself (log4j2.xml), so it may wait on a slow pipe where an event loop
 * must not. A line is written up to {@link #WRITE_EVERY} after its request was answered.
 */
public final class AccessLog implements AccessRecords, AutoCloseable {

    /** How long lines gather before they are written together. */
    static final Duration WRITE_EVERY = Duration.ofMillis(50);

    private static final Logger LOG = LoggerFactory.getLogger("dev.courier.gateway.access");

    private final Gathering<Served> lines;
    private final Predicate<Served> wanted;
    private final Counter dropped;

    /** @param capacity how many lines may wait for the next write */
    public AccessLog(int capacity, MeterRegistry meters) {
        this(capacity, meters, WRITE_EVERY, served -> enabled(served.status()), AccessLog::write);
    }

    /** Gathering the requests {@code wanted} says the log takes, and writing each to {@code log}. */
    AccessLog(int capacity, MeterRegistry meters, Duration writeEvery, Predicate<Served> wanted, Consumer<Served> log) {
        this.wanted = wanted;
        this.dropped = Counter.builder("courier.access.log.dropped")
                .description("Access log lines dropped because the queue in front of the log was full").register(meters);
        this.lines = new Gathering<>("courier-access-log", capacity, writeEvery, log,
                error -> LOG.warn("writing the access log failed error={}", error.toString()));
    }

    @Override
    public void served(Served request) {
        if (wanted.test(request) && !lines.offer(request)) {
            dropped.increment();
        }
    }

    private static boolean enabled(int status) {
        return status >= 500 ? LOG.isWarnEnabled() : LOG.isInfoEnabled();
    }

    private static void write(Served request) {
        if (request.status() >= 500) {
            LOG.warn(line(request));
        } else {
            LOG.info(line(request));
        }
    }

    static String line(Served request) {
        return "request method=" + request.method() + " path=" + request.path() + " status=" + request.status()
                + " durationMs=" + request.gatewayNanos() / 1_000_000 + " requestId=" + request.requestId()
                + " correlationId=" + request.correlationId() + " traceId=" + request.traceId();
    }

    /** Writes what has gathered, then stops. */
    @Override
    public void close() {
        lines.close();
    }
}
