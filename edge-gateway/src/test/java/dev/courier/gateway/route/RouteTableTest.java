package dev.courier.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RouteTableTest {

    @Test
    void shouldPreferAnExactHostOverAWildcardOverAnyHostWhateverTheFileOrder() {
        RouteTable table = table(
                route("any-host", null, "GET", "/items/{id}"),
                route("wildcard", "*.example.com", "GET", "/items/{id}"),
                route("exact", "blog.example.com", "GET", "/items/{id}"));

        assertThat(found(table.match("blog.example.com", "GET", "/items/1"))).isEqualTo("exact");
        assertThat(found(table.match("shop.example.com", "GET", "/items/1"))).isEqualTo("wildcard");
        assertThat(found(table.match("other.test", "GET", "/items/1"))).isEqualTo("any-host");
        assertThat(found(table.match(null, "GET", "/items/1"))).isEqualTo("any-host");
    }

    @Test
    void shouldLetTheMostSpecificHostWithThePathDecideTheAllowedMethods() {
        // The exact host serves GET only; DELETE on that host must not fall through to the any-host route.
        RouteTable table = table(
                route("delete-anywhere", null, "DELETE", "/items/{id}"),
                route("read-on-blog", "blog.example.com", "GET", "/items/{id}"));

        RouteMatch onBlog = table.match("blog.example.com", "DELETE", "/items/1");
        RouteMatch elsewhere = table.match("other.test", "DELETE", "/items/1");

        assertThat(onBlog).isEqualTo(new RouteMatch.MethodNotAllowed(new TreeSet<>(Set.of("GET"))));
        assertThat(found(elsewhere)).isEqualTo("delete-anywhere");
    }

    @Test
    void shouldFallBackToALessSpecificHostWhenTheSpecificOneLacksThePath() {
        RouteTable table = table(
                route("list-anywhere", null, "GET", "/items"),
                route("read-on-blog", "blog.example.com", "GET", "/items/{id}"));

        assertThat(found(table.match("blog.example.com", "GET", "/items"))).isEqualTo("list-anywhere");
    }

    @Test
    void shouldTakeTheFirstRouteInFileOrderWhenALiteralAndAParameterBothMatch() {
        RouteTable parameterFirst = table(route("by-id", null, "GET", "/items/{id}"), route("latest", null, "GET", "/items/latest"));
        RouteTable literalFirst = table(route("latest", null, "GET", "/items/latest"), route("by-id", null, "GET", "/items/{id}"));

        RouteMatch shadowed = parameterFirst.match("h", "GET", "/items/latest");

        assertThat(found(shadowed)).isEqualTo("by-id");
        assertThat(((RouteMatch.Found) shadowed).pathParameters()).isEqualTo(Map.of("id", "latest"));
        assertThat(found(literalFirst.match("h", "GET", "/items/latest"))).isEqualTo("latest");
        assertThat(found(literalFirst.match("h", "GET", "/items/7"))).isEqualTo("by-id");
    }

    @Test
    void shouldListEveryAllowedMethodSortedWhenOnlyTheMethodIsWrong() {
        RouteTable table = table(
                route("delete-item", null, "DELETE", "/items/{id}"),
                route("read-item", null, "GET", "/items/{id}"),
                route("change-item", null, "PATCH", "/items/{id}"));

        RouteMatch match = table.match("h", "POST", "/items/1");

        assertThat(match).isInstanceOfSatisfying(RouteMatch.MethodNotAllowed.class,
                notAllowed -> assertThat(notAllowed.allowed()).containsExactly("DELETE", "GET", "PATCH"));
    }

    @Test
    void shouldAnswerNotFoundForAnUnknownPathOrAHostNoRouteServes() {
        RouteTable table = table(route("read-on-blog", "blog.example.com", "GET", "/items/{id}"));

        assertThat(table.match("blog.example.com", "GET", "/nothing")).isEqualTo(new RouteMatch.NotFound());
        assertThat(table.match("shop.example.com", "GET", "/items/1")).isEqualTo(new RouteMatch.NotFound());
        assertThat(table.match(null, "GET", "/items/1")).isEqualTo(new RouteMatch.NotFound());
    }

    @Test
    void shouldTreatMethodsCaseSensitively() {
        RouteTable table = table(route("read-item", null, "GET", "/items/{id}"));

        assertThat(table.match("h", "get", "/items/1")).isInstanceOf(RouteMatch.MethodNotAllowed.class);
    }

    @Test
    void shouldFindARouteByName() {
        RouteTable table = table(route("read-item", null, "GET", "/items/{id}"), route("delete-item", null, "DELETE", "/items/{id}"));

        assertThat(table.named("delete-item")).hasValueSatisfying(route -> assertThat(route.method()).isEqualTo("DELETE"));
        assertThat(table.named("nope")).isEmpty();
        assertThat(table.routes()).hasSize(2);
    }

    private static String found(RouteMatch match) {
        assertThat(match).isInstanceOf(RouteMatch.Found.class);
        return ((RouteMatch.Found) match).route().name();
    }

    private static String route(String name, String host, String method, String path) {
        return """
                  - name: %s
                    %s
                    method: %s
                    path: %s
                    command: DeletePost
                    topic: courier.blog.commands
                    key: postId
                    timeout: 1s
                    fields: {postId: "%s"}
                """.formatted(name, host == null ? "" : "host: \"" + host + "\"", method, path,
                path.contains("{id}") ? "path:id" : "request-id");
    }

    private static RouteTable table(String... routes) {
        return RouteFile.parse(("routes:\n" + String.join("", routes)).getBytes(StandardCharsets.UTF_8), "test");
    }
}
