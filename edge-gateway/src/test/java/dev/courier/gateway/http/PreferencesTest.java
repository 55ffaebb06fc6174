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
}
