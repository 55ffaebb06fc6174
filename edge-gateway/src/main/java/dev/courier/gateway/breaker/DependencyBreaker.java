package dev.courier.gateway.breaker;

import dev.courier.gateway.config.BreakerSettings;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A circuit breaker for one dependency of the request path (Resilience4j's): once enough of the
 * latest calls failed or were slow, it opens and admission answers 503 with {@code Retry-After} at
 * once instead of sending requests into the wall; after {@code open-for} it lets a few through,
 * and closes again when they succeed. {@code courier_breaker_state{dependency}} is 0 closed, 1
 * open, 2 half-open.
 */
public final class DependencyBreaker {

    private static final Logger LOG = LoggerFactory.getLogger(DependencyBreaker.class);
    private static final int PROBES = 3;

    private final String dependency;
    private final CircuitBreaker breaker;
    private final long retryAfterSeconds;

    public DependencyBreaker(String dependency, BreakerSettings settings, MeterRegistry registry) {
        this.dependency = dependency;
        this.retryAfterSeconds = Math.max(1, settings.openFor().toSeconds());
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.window())
                .minimumNumberOfCalls(settings.window())
                .failureRateThreshold(settings.failureRate())
                .slowCallRateThreshold(settings.failureRate())
                .slowCallDurationThreshold(settings.slowCall())
                .waitDurationInOpenState(settings.openFor())
                .permittedNumberOfCallsInHalfOpenState(PROBES)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .build();
        this.breaker = CircuitBreaker.of(dependency, config);
        breaker.getEventPublisher().onStateTransition(event ->
                LOG.warn("breaker changed dependency={} transition={}", dependency, event.getStateTransition()));
        Gauge.builder("courier.breaker.state", breaker, DependencyBreaker::state)
                .description("The dependency's circuit breaker: 0 closed, 1 open (503 at once), 2 half-open (probing)")
                .tag("dependency", dependency).register(registry);
    }

    /** A call may go to the dependency now; empty while the breaker is open. Every permit given must be settled. */
    public Permit permit() {
        return breaker.tryAcquirePermission() ? new Permit(breaker, System.nanoTime()) : null;
    }

    public String dependency() {
        return dependency;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    private static double state(CircuitBreaker breaker) {
        return switch (breaker.getState()) {
            case CLOSED, DISABLED, METRICS_ONLY -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
        };
    }

    /**
     * One call's permission: settled once, by the call's outcome (even after the request was
     * answered), or released if the call was never made. Taken on the request's event loop; a
     * success may be told from the producer's thread while the loop times the call out, so
     * whichever comes first settles it.
     */
    public static final class Permit {
        private final CircuitBreaker breaker;
        private volatile long startNanos;
        private final AtomicBoolean settled = new AtomicBoolean();
        private volatile boolean calling;

        private Permit(CircuitBreaker breaker, long startNanos) {
            this.breaker = breaker;
            this.startNanos = startNanos;
        }

        /** The call is made (its time counts from now): from now on only its outcome settles the permit. */
        public void calling() {
            calling = true;
            startNanos = System.nanoTime();
        }

        /** The call was not made after all (Kafka's buffer was full): it counts for nothing. */
        public void notCalled() {
            calling = false;
            release();
        }

        public void succeeded() {
            if (settled.compareAndSet(false, true)) {
                breaker.onSuccess(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
            }
        }

        public void failed(Throwable error) {
            if (settled.compareAndSet(false, true)) {
                breaker.onError(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS, error);
            }
        }

        /** The request ended; if it never called the dependency (refused, or answered before), it counts for nothing. */
        public void release() {
            if (!calling && settled.compareAndSet(false, true)) {
                breaker.releasePermission();
            }
        }
    }
}
