package dev.courier.gateway.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeTest {

    @Test
    void shouldParseTypeSubtypeAndParametersCaseInsensitively() {
        assertThat(MediaType.parse("Application/JSON ; Charset=\"UTF-8\""))
                .contains(new MediaType("application", "json", Map.of("charset", "UTF-8")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/merge-patch+json", "application/problem+json; charset=utf-8",
        "application/json;;charset=utf-8", "application/json; "})
    void shouldTakeJsonAndPlusJsonTypes(String header) {
        assertThat(MediaType.parse(header)).hasValueSatisfying(type -> {
            assertThat(type.isJson()).isTrue();
            assertThat(type.isUtf8OrUnspecified()).isTrue();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/jsonx", "text/plain", "application/json-seq", "text/json"})
    void shouldNotMistakeOtherTypesForJson(String header) {
        assertThat(MediaType.parse(header)).hasValueSatisfying(type -> assertThat(type.isJson()).isFalse());
    }

    @Test
    void shouldNotMistakeAnotherCharsetForUtf8() {
        assertThat(MediaType.parse("application/json; charset=iso-8859-1")).hasValueSatisfying(type -> assertThat(type.isUtf8OrUnspecified()).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/x-www-form-urlencodedx", "application/x-www-form-urlencoded-foo"})
    void shouldNotPrefixMatch(String header) {
        assertThat(MediaType.parse(header)).hasValueSatisfying(type -> assertThat(type.is("application", "x-www-form-urlencoded")).isFalse());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "json", "application/", "application/json charset=utf-8", "application/json; charset",
        "application/json; charset=utf-8; charset=latin1", "application/json; a=\"unterminated", "application/json,text/plain"})
    void shouldRefuseWhatIsNotAMediaType(String header) {
        assertThat(MediaType.parse(header)).isEmpty();
    }

    @Test
    void shouldUnescapeQuotedParameterValues() {
        assertThat(MediaType.parse("application/json; profile=\"a \\\"b\\\" c\"\t;\tcharset=utf8"))
                .hasValueSatisfying(type -> {
                    assertThat(type.parameters()).containsEntry("profile", "a \"b\" c");
                    assertThat(type.isUtf8OrUnspecified()).as("utf8 is an alias of utf-8").isTrue();
                });
    }

    @Test
    void shouldTellTheExactTypeAndSubtype() {
        MediaType form = MediaType.parse("Application/X-WWW-Form-Urlencoded; charset=UTF-8").orElseThrow();

        assertThat(form.is("application", "x-www-form-urlencoded")).isTrue();
        assertThat(form.is("application", "json")).isFalse();
        assertThat(form.isJson()).isFalse();
    }

    @Test
    void shouldHaveNoMediaTypeForAMissingHeader() {
        assertThat(MediaType.parse(null)).isEmpty();
    }

    @Test
    void shouldRefuseAParameterRepeatedInAnotherCase() {
        assertThat(MediaType.parse("application/json; charset=utf-8; Charset=utf-8")).isEmpty();
    }
}
