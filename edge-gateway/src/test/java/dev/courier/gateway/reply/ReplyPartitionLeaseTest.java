package dev.courier.gateway.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReplyPartitionLeaseTest {

    /** Long enough that the background renewal (every third of it) never runs during a test: the tests renew by hand. */
    private static final Duration TTL = Duration.ofMinutes(30);

    private final InMemoryLeases leases = new InMemoryLeases();
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ReplyPartitionLease lease = new ReplyPartitionLease(leases, "courier.replies", 4, "gw-1", TTL, now::get);

    @AfterEach
    void close() {
        lease.close();
    }

    @Test
    void shouldTakeTheFirstFreePartitionAndRememberIt() {
        leases.holders.put(0, "gw-0");

        int partition = lease.acquire();

        assertThat(partition).isEqualTo(1);
        assertThat(lease.partition()).isEqualTo(1);
        assertThat(leases.holders).containsEntry(1, "gw-1");
        assertThat(leases.last).containsEntry("gw-1", 1);
        assertThat(lease.held()).isTrue();
    }

    @Test
    void shouldTakeItsLastPartitionBackAfterARestart() {
        leases.last.put("gw-1", 3);

        assertThat(lease.acquire()).isEqualTo(3);
        assertThat(leases.holders).containsOnlyKeys(3);
    }

    @Test
    void shouldTakeAnotherPartitionWhenItsLastOneIsHeldByAnotherInstance() {
        leases.last.put("gw-1", 0);
        leases.holders.put(0, "gw-2");

        assertThat(lease.acquire()).isEqualTo(1);
        assertThat(leases.last).containsEntry("gw-1", 1);
    }

    @Test
    void shouldIgnoreARememberedPartitionTheTopicNoLongerHas() {
        leases.last.put("gw-1", 7);

        assertThat(lease.acquire()).isEqualTo(0);
        assertThat(leases.last).containsEntry("gw-1", 0);
    }

    @Test
    void shouldRefuseToStartWhenEveryPartitionIsLeasedByOthers() {
        for (int partition = 0; partition < 4; partition++) {
            leases.holders.put(partition, "gw-other-" + partition);
        }

        assertThatThrownBy(lease::acquire)
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("all 4 partitions of courier.replies are leased by other gateway instances; "
                        + "add partitions to the reply topic to run more instances");
        assertThat(lease.held()).isFalse();
    }

    @Test
    void shouldHoldNothingBeforeItAcquires() {
        assertThat(lease.held()).isFalse();
        assertThat(lease.partition()).isEqualTo(-1);
    }

    @Test
    void shouldCountTheTtlFromBeforeTheTakeSoASlowRedisNeverStretchesIt() {
        long before = now.get();
        leases.duringTake = () -> now.addAndGet(Duration.ofSeconds(2).toNanos());
        lease.acquire();

        now.set(before + TTL.toNanos() - 1);
        assertThat(lease.held()).as("one nanosecond before the TTL, counted from before the call").isTrue();
        now.set(before + TTL.toNanos());
        assertThat(lease.held()).isFalse();
    }

    @Test
    void shouldHoldForAnotherTtlAfterEachRenewal() {
        lease.acquire();
        now.addAndGet(TTL.toNanos() / 3);
        long renewedAt = now.get();

        lease.renew();

        now.set(renewedAt + TTL.toNanos() - 1);
        assertThat(lease.held()).isTrue();
        now.set(renewedAt + TTL.toNanos());
        assertThat(lease.held()).isFalse();
    }

    @Test
    void shouldStopHoldingAtOnceWhenAnotherInstanceHasTakenThePartition() {
        int partition = lease.acquire();
        leases.holders.put(partition, "gw-2");
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        lease.renew();

        assertThat(lease.held()).as("well within the TTL, but no longer ours").isFalse();
        assertThat(leases.holders).containsEntry(partition, "gw-2");
    }

    @Test
    void shouldKeepHoldingUntilTheTtlRunsOutWhileRedisCannotBeReached() {
        long takenAt = now.get();
        lease.acquire();
        leases.duringTake = () -> {
            throw new IllegalStateException("Redis is unreachable");
        };

        now.set(takenAt + TTL.toNanos() / 2);
        lease.renew();
        assertThat(lease.held()).isTrue();
        now.set(takenAt + TTL.toNanos());
        lease.renew();
        assertThat(lease.held()).isFalse();

        leases.duringTake = () -> { };
        lease.renew();
        assertThat(lease.held()).as("taken back once Redis answers and nobody else took it").isTrue();
    }
}
