package dev.courier.lag.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StatusEvaluatorTest {

    private final StatusEvaluator evaluator = new StatusEvaluator(4);
    private long now;

    private StatusEvaluator.Verdict observe(Long committed, Long lag, boolean owned) {
        now += 2000;
        return evaluator.observe("g", "t", 0, new StatusEvaluator.Observation(now, committed, lag, owned, false));
    }

    @Test
    void shouldBeOkWhenCaughtUpOrCatchingUp() {
        assertThat(observe(10L, 0L, true).status()).isEqualTo(Status.OK);
        observe(12L, 5L, true);
        observe(15L, 4L, true);
        assertThat(observe(18L, 3L, true).status()).isEqualTo(Status.OK);
    }

    @Test
    void shouldSayStoppedWhenNobodyOwnsAPartitionWithLag() {
        StatusEvaluator.Verdict verdict = observe(10L, 7L, false);

        assertThat(verdict.status()).isEqualTo(Status.STOPPED);
        assertThat(verdict.reason()).contains("no member consumes").contains("7 records behind");
    }

    @Test
    void shouldSayStalledWhenAnOwnedOffsetStaysPutForAFullWindow() {
        observe(10L, 5L, true);
        observe(10L, 6L, true);
        assertThat(observe(10L, 7L, true).status()).as("not a full window yet").isNotEqualTo(Status.STALLED);

        StatusEvaluator.Verdict verdict = observe(10L, 8L, true);

        assertThat(verdict.status()).isEqualTo(Status.STALLED);
        assertThat(verdict.reason()).contains("stayed at 10 for 6 s");
    }

    @Test
    void shouldWarnWhenTheLagGrowsOverAFullWindowWhileConsuming() {
        observe(10L, 5L, true);
        observe(11L, 6L, true);
        observe(12L, 6L, true);

        StatusEvaluator.Verdict verdict = observe(13L, 9L, true);

        assertThat(verdict.status()).isEqualTo(Status.WARNING);
        assertThat(verdict.reason()).contains("grew from 5 to 9");
    }

    @Test
    void shouldSayRewoundWhileAnOffsetThatWentBackIsInTheWindow() {
        observe(10L, 0L, true);
        StatusEvaluator.Verdict verdict = observe(4L, 6L, true);

        assertThat(verdict.status()).isEqualTo(Status.REWOUND);
        assertThat(verdict.reason()).contains("from 10 to 4");
        observe(6L, 4L, true);
        observe(8L, 2L, true);
        assertThat(observe(10L, 0L, true).status()).as("the rewind left the window").isEqualTo(Status.OK);
    }

    @Test
    void shouldNotCountAGroupThatHasNotCommittedYetAsBehind() {
        assertThat(observe(null, null, false)).isEqualTo(new StatusEvaluator.Verdict(Status.OK, "no offset committed yet"));
    }

    @Test
    void shouldCallOnlyTransactionMarkersCaughtUp() {
        now += 2000;
        StatusEvaluator.Verdict verdict = evaluator.observe("g", "t", 0, new StatusEvaluator.Observation(now, 9L, 1L, false, true));

        assertThat(verdict.status()).isEqualTo(Status.OK);
        assertThat(verdict.reason()).contains("transaction markers");
    }
}
