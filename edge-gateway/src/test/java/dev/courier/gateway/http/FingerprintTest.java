package dev.courier.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    @Test
    void shouldFingerprintTheSameRouteAndCommandAlikeAndAnythingElseApart() {
        byte[] command = "command".getBytes(StandardCharsets.UTF_8);

        String fingerprint = Fingerprint.of("create-post", command);

        assertThat(Fingerprint.of("create-post", command.clone())).isEqualTo(fingerprint);
        assertThat(Fingerprint.of("create-user", command)).isNotEqualTo(fingerprint);
        assertThat(Fingerprint.of("create-post", "command2".getBytes(StandardCharsets.UTF_8))).isNotEqualTo(fingerprint);
        assertThat(Fingerprint.of("create-postc", "ommand".getBytes(StandardCharsets.UTF_8))).as("route and command never run together")
                .isNotEqualTo(fingerprint);
        assertThat(fingerprint).matches("[A-Za-z0-9_-]{43}");
    }
}
