package dev.courier.gateway.breaker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.gateway.config.BreakerSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class DependencyBreakerTest {

    /** Opens once one of the last two calls failed. */
    private final DependencyBreaker breaker = new DependencyBreaker("kafka",
            new BreakerSettings(true, 50, 2, Duration.ofSeconds(10), Duration.ofSeconds(30)), new SimpleMeterRegistry());

    @Test
    void shouldCountACallOnceWhenItsTimeoutAndItsAcknowledgementBothTellIt() throws Exception {
        // given: a call the loop times out while the producer's thread acknowledges it
        DependencyBreaker.Permit permit = breaker.permit();
        permit.calling();

        // when
        permit.failed(new TimeoutException("not acknowledged in time"));
        CompletableFuture.runAsync(permit::succeeded).get(30, TimeUnit.SECONDS);
        permit.release();

        // then: one call counted (a failure), not two: the window of two is not full, so the breaker stays closed
        assertThat(breaker.permit()).isNotNull();
    }

    @Test
    void shouldOpenOnceTwoCallsAreCountedWithOneFailure() {
        // given
        DependencyBreaker.Permit failed = breaker.permit();
        failed.calling();
        failed.failed(new TimeoutException("not acknowledged in time"));
        DependencyBreaker.Permit succeeded = breaker.permit();
        succeeded.calling();

        // when
        succeeded.succeeded();

        // then
        assertThat(breaker.permit()).isNull();
    }
}
