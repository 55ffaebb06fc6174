package dev.courier.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathTemplateTest {

    @Test
    void shouldCaptureEveryParameterInOrder() {
        PathTemplate template = PathTemplate.parse("/users/{userId}/posts/{postId}");

        assertThat(template.parameters()).containsExactly("userId", "postId");
        assertThat(template.match("/users/alice/posts/42")).hasValueSatisfying(captured -> {
            assertThat(captured).containsExactly(Map.entry("userId", "alice"), Map.entry("postId", "42"));
        });
        assertThat(template).hasToString("/users/{userId}/posts/{postId}");
    }

    @Test
    void shouldMatchLiteralSegmentsExactlyAndCaseSensitively() {
        PathTemplate template = PathTemplate.parse("/posts");

        assertThat(template.match("/posts")).contains(Map.of());
        assertThat(template.match("/Posts")).isEmpty();
        assertThat(template.match("/posts2")).isEmpty();
        assertThat(template.match("/po%73ts")).as("literals are compared undecoded").isEmpty();
    }

    @Test
    void shouldNotMatchAPathWithMoreOrFewerSegments() {
        PathTemplate template = PathTemplate.parse("/posts/{id}");

        assertThat(template.match("/posts")).isEmpty();
        assertThat(template.match("/posts/42/comments")).isEmpty();
        assertThat(template.match("/posts/42/")).as("a trailing slash is one more, empty segment").isEmpty();
    }

    @Test
    void shouldNotLetAParameterMatchAnEmptySegment() {
        PathTemplate template = PathTemplate.parse("/users/{id}/posts");

        assertThat(template.match("/users//posts")).isEmpty();
    }

    @Test
    void shouldDecodeCapturedValuesButNeverLetAnEncodedSlashSplitTheSegment() {
        PathTemplate template = PathTemplate.parse("/users/{id}/posts");

        assertThat(template.match("/users/a%2Fb/posts")).contains(Map.of("id", "a/b"));
        assertThat(template.match("/users/caf%C3%A9/posts")).contains(Map.of("id", "café"));
    }

    @Test
    void shouldNotMatchWhenAParameterHasABrokenEscape() {
        PathTemplate template = PathTemplate.parse("/posts/{id}");

        assertThat(template.match("/posts/%zz")).isEmpty();
        assertThat(template.match("/posts/%C3")).isEmpty();
    }

    @Test
    void shouldMatchTheRootOnlyToTheRoot() {
        PathTemplate root = PathTemplate.parse("/");

        assertThat(root.parameters()).isEmpty();
        assertThat(root.match("/")).contains(Map.of());
        assertThat(root.match("/posts")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"posts", "", "*/posts"})
    void shouldRefuseATemplateThatDoesNotStartWithASlash(String text) {
        assertThatThrownBy(() -> PathTemplate.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must start with '/', was '" + text + "'");
    }

    @Test
    void shouldRefuseAMissingTemplate() {
        assertThatThrownBy(() -> PathTemplate.parse(null)).hasMessage("must start with '/', was 'null'");
    }

    @Test
    void shouldRefuseAParameterNamedTwice() {
        assertThatThrownBy(() -> PathTemplate.parse("/users/{id}/posts/{id}"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parameter {id} appears twice in '/users/{id}/posts/{id}'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/posts/", "/posts//comments", "/posts/{}", "/posts/{1st}", "/posts/{id", "/posts/x{id}",
        "/posts/a b", "/posts/%20", "/posts/a?b", "/posts/{id-x}"})
    void shouldRefuseASegmentThatIsNeitherALiteralNorAParameter(String text) {
        assertThatThrownBy(() -> PathTemplate.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("is neither a literal nor {name}")
                .hasMessageContaining("of '" + text + "'");
    }
}
