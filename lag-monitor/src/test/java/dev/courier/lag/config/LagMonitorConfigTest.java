package dev.courier.lag.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.auth.config.TokenRules;
import dev.courier.commons.config.ConfigException;
import dev.courier.commons.config.ConfigSources;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LagMonitorConfigTest {

    @Test
    void shouldLetEveryoneInOnLoopbackByDefault() {
        assertThat(load(Map.of()).tokenRequired()).isFalse();
        assertThat(load(Map.of(LagMonitorConfig.HTTP_HOST, "localhost")).tokenRequired()).isFalse();
    }

    @Test
    void shouldRequireATokenWhenListeningBeyondLoopback() {
        LagMonitorConfig config = load(withIssuer(Map.of(LagMonitorConfig.HTTP_HOST, "0.0.0.0")));

        assertThat(config.tokenRequired()).isTrue();
        assertThat(config.tokens().trusted()).singleElement().satisfies(issuer -> assertThat(issuer.name()).isEqualTo("gateway"));
    }

    @Test
    void shouldRefuseToListenBeyondLoopbackWithoutAnIssuerToTrust() {
        assertThatThrownBy(() -> load(Map.of(LagMonitorConfig.HTTP_HOST, "0.0.0.0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(TokenRules.TRUSTED_ISSUERS)
                .hasMessageContaining("ops:read");
    }

    @Test
    void shouldRefuseToTurnTokensOffBeyondLoopback() {
        Map<String, String> values = withIssuer(Map.of(LagMonitorConfig.HTTP_HOST, "0.0.0.0", LagMonitorConfig.AUTH_REQUIRED, "false"));

        assertThatThrownBy(() -> load(values)).isInstanceOf(ConfigException.class).hasMessageContaining(LagMonitorConfig.AUTH_REQUIRED);
    }

    @Test
    void shouldRequireTokensOnLoopbackWhenAsked() {
        assertThat(load(withIssuer(Map.of(LagMonitorConfig.AUTH_REQUIRED, "true"))).tokenRequired()).isTrue();
    }

    @Test
    void shouldRefuseAnUnknownKeyOfATrustedIssuer() {
        Map<String, String> values = withIssuer(Map.of(TokenRules.TRUSTED_ISSUER_PREFIX + "gateway.jwks.uri", "http://127.0.0.1:8080/x"));

        assertThatThrownBy(() -> load(values)).isInstanceOf(ConfigException.class).hasMessageContaining("gateway.jwks.uri");
    }

    private static Map<String, String> withIssuer(Map<String, String> values) {
        Map<String, String> all = new HashMap<>(values);
        all.put(TokenRules.TRUSTED_ISSUERS, "gateway");
        all.put(TokenRules.TRUSTED_ISSUER_PREFIX + "gateway.issuer", "http://127.0.0.1:8080");
        all.put(TokenRules.TRUSTED_ISSUER_PREFIX + "gateway.jwks.url", "http://127.0.0.1:8080/.well-known/jwks.json");
        return all;
    }

    private static LagMonitorConfig load(Map<String, String> values) {
        Map<String, String> environment = new HashMap<>();
        values.forEach((key, value) -> environment.put(ConfigSources.envName(key), value));
        return LagMonitorConfig.load(null, environment);
    }
}
