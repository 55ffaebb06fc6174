package dev.courier.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPatternTest {

    @Test
    void shouldMatchAnExactNameIgnoringCase() {
        HostPattern pattern = new HostPattern("Blog.Example.com");

        assertThat(pattern.matches("blog.example.com")).isTrue();
        assertThat(pattern.matches("BLOG.EXAMPLE.COM")).isTrue();
        assertThat(pattern.matches("www.blog.example.com")).isFalse();
        assertThat(pattern.matches("blog.example.co")).isFalse();
        assertThat(pattern).hasToString("blog.example.com");
    }

    @Test
    void shouldMatchEverySubdomainOfAWildcardButNotTheApex() {
        HostPattern pattern = new HostPattern("*.users.example.com");

        assertThat(pattern.matches("eu.users.example.com")).isTrue();
        assertThat(pattern.matches("a.b.users.example.com")).isTrue();
        assertThat(pattern.matches("EU.Users.Example.COM")).isTrue();
        assertThat(pattern.matches("users.example.com")).as("the apex").isFalse();
        assertThat(pattern.matches(".users.example.com")).as("an empty label").isFalse();
        assertThat(pattern.matches("evilusers.example.com")).as("a name that merely ends the same").isFalse();
    }

    @Test
    void shouldLetAnyHostMatchEvenARequestWithoutHost() {
        assertThat(HostPattern.ANY.matches(null)).isTrue();
        assertThat(HostPattern.ANY.matches("anything.example")).isTrue();
        assertThat(HostPattern.ANY).hasToString("*");
    }

    @Test
    void shouldNotMatchARequestWithoutHostToANamedPattern() {
        assertThat(new HostPattern("blog.example.com").matches(null)).isFalse();
        assertThat(new HostPattern("*.example.com").matches(null)).isFalse();
    }

    @Test
    void shouldRankExactNamesOverWildcardsOverAnyHost() {
        assertThat(new HostPattern("blog.example.com").specificity())
                .isGreaterThan(new HostPattern("*.example.com").specificity());
        assertThat(new HostPattern("*.example.com").specificity()).isGreaterThan(HostPattern.ANY.specificity());
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "*.", "a.*.com", "**.example.com", "-blog.example.com", "blog-.example.com", "blog..example.com",
        "blog.example.com:8080", "blog example.com", "blog_example.com", ""})
    void shouldRefuseWhatIsNeitherAHostNameNorAWildcardDomain(String pattern) {
        assertThatThrownBy(() -> new HostPattern(pattern))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be a host name or *.domain, was '" + pattern.toLowerCase(Locale.ROOT) + "'");
    }
}
