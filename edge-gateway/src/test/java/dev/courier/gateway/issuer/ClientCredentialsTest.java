package dev.courier.gateway.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class ClientCredentialsTest {

    @Test
    void shouldReadBasicWithFormEncodedParts() {
        assertThat(ClientCredentials.of(basic("my%20client:p%3Ass"), form("grant_type=client_credentials")))
                .isEqualTo(new ClientCredentials.Secret("my client", "p:ss"));
    }

    @Test
    void shouldReadTheSecretFromTheForm() {
        assertThat(ClientCredentials.of(null, form("client_id=demo&client_secret=s")))
                .isEqualTo(new ClientCredentials.Secret("demo", "s"));
    }

    @Test
    void shouldRefuseTwoWaysOfAuthenticatingInOneRequest() {
        assertThat(ClientCredentials.of(basic("demo:s"), form("client_id=demo&client_secret=s")))
                .isInstanceOf(ClientCredentials.Invalid.class);
    }

    @Test
    void shouldTreatAnotherSchemeOrNothingAsMissing() {
        assertThat(ClientCredentials.of("Bearer abc", form(""))).isInstanceOf(ClientCredentials.Missing.class);
        assertThat(ClientCredentials.of(null, form("grant_type=client_credentials"))).isInstanceOf(ClientCredentials.Missing.class);
        assertThat(ClientCredentials.of(null, form("client_id=demo"))).isInstanceOf(ClientCredentials.Missing.class);
    }

    @Test
    void shouldRefuseBasicThatIsNotBase64OrHasNoColon() {
        assertThat(ClientCredentials.of("Basic !!!", form(""))).isInstanceOf(ClientCredentials.Invalid.class);
        assertThat(ClientCredentials.of(basic("nocolon"), form(""))).isInstanceOf(ClientCredentials.Invalid.class);
    }

    @Test
    void shouldNeverShowTheSecret() {
        assertThat(new ClientCredentials.Secret("demo", "hunter2")).hasToString("Secret[clientId=demo]");
    }

    @Test
    void shouldReadTheBasicSchemeInAnyCase() {
        assertThat(ClientCredentials.of("bAsIc " + Base64.getEncoder().encodeToString("demo:s".getBytes(StandardCharsets.UTF_8)), form("")))
                .isEqualTo(new ClientCredentials.Secret("demo", "s"));
    }

    @Test
    void shouldSplitBasicCredentialsAtTheFirstColonOnly() {
        assertThat(ClientCredentials.of(basic("demo:a:b"), form(""))).isEqualTo(new ClientCredentials.Secret("demo", "a:b"));
    }

    @Test
    void shouldRefuseBasicCredentialsWithABrokenEscape() {
        assertThat(ClientCredentials.of(basic("demo:%zz"), form("")))
                .isEqualTo(new ClientCredentials.Invalid("the Basic credentials have a broken %-escape or are not UTF-8"));
    }

    @Test
    void shouldAskForBothFormPartsWhenOnlyTheSecretIsThere() {
        assertThat(ClientCredentials.of(null, form("client_secret=s")))
                .isEqualTo(new ClientCredentials.Missing("client_id and client_secret are both required"));
    }

    @Test
    void shouldCountASecretAloneInTheFormAsASecondWayOfAuthenticating() {
        assertThat(ClientCredentials.of(basic("demo:s"), form("client_secret=s"))).isInstanceOf(ClientCredentials.Invalid.class);
    }

    private static String basic(String raw) {
        return "Basic " + Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static FormBody.Form form(String body) {
        return (FormBody.Form) FormBody.parse(body);
    }
}
