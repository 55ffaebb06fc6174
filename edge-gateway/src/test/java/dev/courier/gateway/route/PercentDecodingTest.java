package dev.courier.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PercentDecodingTest {

    @Test
    void shouldReturnASegmentWithoutEscapesAsItIs() {
        String segment = "post-42";

        assertThat(PercentDecoding.decode(segment)).isSameAs(segment);
    }

    @Test
    void shouldDecodeEscapesInEitherCaseAsUtf8() {
        assertThat(PercentDecoding.decode("caf%C3%A9")).isEqualTo("café");
        assertThat(PercentDecoding.decode("caf%c3%a9")).isEqualTo("café");
        assertThat(PercentDecoding.decode("%F0%9F%93%AE")).isEqualTo("\uD83D\uDCEE");
        assertThat(PercentDecoding.decode("a%20b")).isEqualTo("a b");
    }

    @Test
    void shouldKeepPlusAsPlusBecauseThatIsAFormRuleNotAPathRule() {
        assertThat(PercentDecoding.decode("a+b%2B")).isEqualTo("a+b+");
    }

    @Test
    void shouldDecodeAnEncodedSlashIntoTheSegmentRatherThanSplitOnIt() {
        assertThat(PercentDecoding.decode("a%2Fb")).isEqualTo("a/b");
    }

    @ParameterizedTest
    @ValueSource(strings = {"%", "a%", "a%4", "%zz", "%4g", "%g4", "100%"})
    void shouldRefuseABrokenEscape(String segment) {
        assertThat(PercentDecoding.decode(segment)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"%C3", "%C3%28", "%C0%AF", "%ED%A0%80", "%FF", "%E2%82"})
    void shouldRefuseEscapesThatAreNotUtf8(String segment) {
        assertThat(PercentDecoding.decode(segment)).isNull();
    }
}
