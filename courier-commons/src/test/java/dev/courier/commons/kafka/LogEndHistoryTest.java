package dev.courier.commons.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class LogEndHistoryTest {

    private final TopicPartition partition = new TopicPartition("t", 0);
    private final LogEndHistory history = new LogEndHistory(60_000);

    @Test
    void shouldInterpolateWhenTheLogEndPassedAnOffset() {
        history.record(partition, 10_000, 100);
        history.record(partition, 20_000, 200);

        assertThat(history.writtenAt(partition, 150)).isEqualTo(OptionalLong.of(15_000));
        assertThat(history.writtenAt(partition, 100)).isEqualTo(OptionalLong.of(10_000));
    }

    @Test
    void shouldGiveTheOldestSampleWhenTheHistoryStartsAfterTheOffset() {
        history.record(partition, 10_000, 100);

        assertThat(history.writtenAt(partition, 40)).as("a lower bound on the age").isEqualTo(OptionalLong.of(10_000));
    }

    @Test
    void shouldKnowNothingOfAnOffsetTheLogHasNotReached() {
        history.record(partition, 10_000, 100);

        assertThat(history.writtenAt(partition, 100)).isEmpty();
        assertThat(history.writtenAt(new TopicPartition("other", 0), 5)).isEmpty();
    }

    @Test
    void shouldForgetSamplesOlderThanItKeeps() {
        history.record(partition, 0, 100);
        history.record(partition, 50_000, 200);
        history.record(partition, 100_000, 300);

        assertThat(history.writtenAt(partition, 150)).as("the sample at 0 s is gone").isEqualTo(OptionalLong.of(50_000));
    }

    @Test
    void shouldDateARecordAfterAQuietSpellNoEarlierThanTheSampleThatFirstSawIt() {
        LogEndHistory history = new LogEndHistory(60_000);
        TopicPartition partition = new TopicPartition("commands", 0);
        history.record(partition, 1_000, 10);
        history.record(partition, 21_000, 12);

        assertThat(history.writtenBy(partition, 10)).hasValue(21_000);
        assertThat(history.writtenBy(partition, 9)).hasValue(1_000);
        assertThat(history.writtenBy(partition, 12)).isEmpty();
    }
}
