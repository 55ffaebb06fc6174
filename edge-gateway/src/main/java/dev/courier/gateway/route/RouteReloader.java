package dev.courier.gateway.route;

import dev.courier.commons.config.ConfigException;
import dev.courier.commons.process.Periodic;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the route file again whenever its content changes, and puts a valid new version in force
 * at once: the table is checked as strictly as at start, what it needs is prepared (its topics,
 * the consumer groups to watch, its metrics), then it replaces the old one whole. A version that
 * is not valid, or whose topics cannot be made ready, is refused with a log line naming the problem
 * and {@code courier_routes_reloads_total{result="refused", problem}}; the routes in force stay.
 *
 * <p>The file's content is compared every interval rather than watched for events: editors that
 * write a new file and rename it, and Kubernetes' ConfigMap volumes, which swap a symlink, change a
 * file without the event a watch on it expects.
 */
public final class RouteReloader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RouteReloader.class);

    private final Path file;
    private final LiveRoutes live;
    private final Consumer<RouteTable> prepare;
    private final MeterRegistry registry;
    private final AtomicInteger refusedInForce = new AtomicInteger();
    /** The content last checked; null while the file cannot be read, so each problem is told once. */
    private byte[] seen;
    /** A valid version whose needs could not be met yet: tried again every interval. */
    private byte[] unprepared;
    private Periodic checking;

    /**
     * @param seen the file's content the routes in force were read from
     * @param prepare makes what a new table needs ready before it is put in force; throws if it cannot
     */
    public RouteReloader(Path file, byte[] seen, LiveRoutes live, Consumer<RouteTable> prepare, MeterRegistry registry) {
        this.file = file;
        this.seen = seen.clone();
        this.live = live;
        this.prepare = prepare;
        this.registry = registry;
        Gauge.builder("courier.routes.file.refused", refusedInForce, AtomicInteger::get)
                .description("1 while the route file on disk was refused and older routes are in force, else 0").register(registry);
        reloads("applied", "");
    }

    public void start(Duration interval) {
        checking = Periodic.start("courier-route-reload", interval, this::check,
                failure -> LOG.warn("route file not checked; the routes in force stay error={}", failure.toString()));
    }

    /** Reads the file; puts its routes in force if they changed and are valid. */
    void check() {
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (IOException e) {
            if (seen != null) {
                seen = null;
                refuse(new ConfigException(file.toString(), "cannot read: " + e.getMessage()));
            }
            return;
        }
        if (Arrays.equals(content, seen)) {
            return;
        }
        byte[] before = seen;
        seen = content;
        RouteTable next;
        try {
            next = RouteFile.parse(content, file.toString());
            prepare.accept(next);
        } catch (ConfigException e) {
            refuse(e);
            return;
        } catch (RuntimeException e) {
            // Not the file's fault (a broker away): tried again next time, told once.
            seen = before;
            if (!Arrays.equals(content, unprepared)) {
                unprepared = content;
                refuse(new ConfigException(file.toString(), "its topics could not be made ready: " + e));
            }
            return;
        }
        unprepared = null;
        live.replace(next);
        refusedInForce.set(0);
        reloads("applied", "").increment();
        LOG.info("routes reloaded file={} routes={}", file, next.routes().size());
    }

    private void refuse(ConfigException problem) {
        refusedInForce.set(1);
        String where = problem.key().startsWith(file + ": ") ? problem.key().substring(file.toString().length() + 2) : problem.key();
        reloads("refused", where).increment();
        LOG.warn("route file refused; the routes in force stay problem=\"{}\"", problem.getMessage());
    }

    private Counter reloads(String result, String problem) {
        return Counter.builder("courier.routes.reloads").description("Route file versions put in force or refused, by the place of the problem")
                .tag("result", result).tag("problem", problem).register(registry);
    }

    @Override
    public void close() {
        if (checking != null) {
            checking.close();
        }
    }
}
