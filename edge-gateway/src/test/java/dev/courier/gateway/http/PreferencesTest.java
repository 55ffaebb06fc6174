package dev.courier.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    @Test
    void shouldReadRespondAsyncAndWaitAmongOtherPreferences() {
        Preferences preferences = Preferences.parse(List.of("handling=lenient, respond-async", "wait=3"));

        assertThat(preferences.respondAsync()).isTrue();
        assertThat(preferences.deadline(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void shouldNeverLetWaitExtendTheRoutesDeadline() {
        assertThat(Preferences.parse(List.of("wait=600")).deadline(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(Preferences.parse(List.of("wait=soon")).deadline(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void shouldReadPreferencesCaseInsensitivelyAndIgnoreTheirParameters() {
        Preferences preferences = Preferences.parse(List.of("Respond-Async; foo=bar", "WAIT=\"2\""));

        assertThat(preferences.respondAsync()).isTrue();
        assertThat(preferences.requestedWait()).contains(Duration.ofSeconds(2));
    }

    @Test
    void shouldIgnoreANegativeWaitAndKeepTheLastValidOne() {
        assertThat(Preferences.parse(List.of("wait=-1")).requestedWait()).isEmpty();
        assertThat(Preferences.parse(List.of("wait=2, wait=-1")).requestedWait()).contains(Duration.ofSeconds(2));
        assertThat(Preferences.parse(List.of("wait=2", "wait=1")).requestedWait()).contains(Duration.ofSeconds(1));
    }

    @Test
    void shouldLetWaitZeroAnswerAtOnce() {
        assertThat(Preferences.parse(List.of("wait=0")).deadline(Duration.ofSeconds(5))).isZero();
    }

    @Test
    void shouldBeSynchronousWithoutPreferences() {
        Preferences none = Preferences.parse(List.of());

        assertThat(none.respondAsync()).isFalse();
        assertThat(none.deadline(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }
}
