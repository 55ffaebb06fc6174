package dev.courier.gateway.issuer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FormBodyTest {

    @Test
    void shouldDecodePlusAndEscapes() {
        assertThat(FormBody.parse("grant_type=client_credentials&scope=blog%3Aread+blog%3Awrite&client_id=caf%C3%A9"))
                .isEqualTo(new FormBody.Form(Map.of("grant_type", "client_credentials", "scope", "blog:read blog:write", "client_id", "café")));
    }

    @Test
    void shouldRefuseAParameterGivenTwice() {
        assertThat(FormBody.parse("grant_type=client_credentials&grant_type=password"))
                .isEqualTo(new FormBody.Invalid("the parameter grant_type is given more than once"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a=%zz", "a=%4", "a=1&&b=2", "a=%C0%AF", "a=%ED%A0%80", "a=caf\u00e9", "&"})
    void shouldRefuseBrokenEscapesEmptyPairsAndInvalidUtf8(String body) {
        assertThat(FormBody.parse(body)).isInstanceOf(FormBody.Invalid.class);
    }

    @Test
    void shouldReadAnEmptyBodyAsNoParameters() {
        assertThat(FormBody.parse("")).isEqualTo(new FormBody.Form(Map.of()));
    }

    @Test
    void shouldReadANameWithoutEqualsAsAnEmptyValue() {
        assertThat(FormBody.parse("scope&grant_type=client_credentials"))
                .isEqualTo(new FormBody.Form(Map.of("scope", "", "grant_type", "client_credentials")));
    }

    @Test
    void shouldNeverShowValuesWhenPrinted() {
        assertThat(FormBody.parse("client_secret=hunter2&client_id=demo")).hasToString("Form[client_id, client_secret]");
    }

    @Test
    void shouldQuoteARepeatedNameOnlyAsPrintableAsciiAndBounded() {
        String name = "caf%C3%A9" + "x".repeat(60);

        assertThat(FormBody.parse(name + "=1&" + name + "=2"))
                .isEqualTo(new FormBody.Invalid("the parameter caf?" + "x".repeat(36) + "... is given more than once"));
    }

    @Test
    void shouldDecodeOneNameOrValueOnItsOwn() {
        assertThat(FormBody.decode("a+b%2Bc")).contains("a b+c");
        assertThat(FormBody.decode("%E2%82%AC")).contains("\u20ac");
        assertThat(FormBody.decode("%E2%82")).isEmpty();
    }
}
