package dev.courier.schemas.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.OptionalInt;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class Utf8Test {

    @ParameterizedTest
    @ValueSource(strings = {"", "plain ascii", "café", "日本語", "emoji \uD83D\uDE00", "\u0000 is well-formed too"})
    void shouldAcceptWellFormedUtf8(String text) {
        assertThat(Utf8.firstInvalidByte(text.getBytes(StandardCharsets.UTF_8))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "overlong slash,        2241c0af22, 2",
        "overlong NUL,          c080, 0",
        "three-byte overlong,   e080af, 0",
        "encoded surrogate,     2241eda08022, 2",
        "above U+10FFFF,        f4908080, 0",
        "F5 lead byte,          f5808080, 0",
        "stray continuation,    4180, 1",
        "truncated at the end,  41e282, 1",
        "truncated mid-text,    e28241, 0",
        "FF byte,               41ff, 1"})
    void shouldFindTheFirstIllFormedSequence(String name, String hex, int offset) {
        assertThat(Utf8.firstInvalidByte(HexFormat.of().parseHex(hex))).isEqualTo(OptionalInt.of(offset));
    }
}
