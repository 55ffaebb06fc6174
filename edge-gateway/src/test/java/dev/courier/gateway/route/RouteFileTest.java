package dev.courier.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.commons.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteFileTest {

    private static final String TWO_HOSTS = """
            routes:
              - name: blog-post
                host: blog.example.com
                method: GET
                path: /items/{id}
                command: GetPost
                topic: courier.blog.commands
                key: postId
                scopes: [blog:read]
                timeout: 2s
                fields: {postId: "path:id"}
              - name: user-item
                host: "*.users.example.com"
                method: GET
                path: /items/{id}
                command: GetUser
                topic: courier.user.commands
                key: userId
                scopes: [user:read]
                timeout: 2s
                fields: {userId: "path:id"}
            """;

    @Test
    void shouldRouteTheSamePathToDifferentCommandsByHost() {
        // given
        RouteTable table = RouteFile.parse(TWO_HOSTS.getBytes(StandardCharsets.UTF_8), "test");

        // when
        RouteMatch blog = table.match("blog.example.com", "GET", "/items/42");
        RouteMatch user = table.match("eu.users.example.com", "GET", "/items/42");
        RouteMatch apex = table.match("users.example.com", "GET", "/items/42");

        // then
        assertThat(((RouteMatch.Found) blog).route().name()).isEqualTo("blog-post");
        assertThat(((RouteMatch.Found) blog).pathParameters()).isEqualTo(Map.of("id", "42"));
        assertThat(((RouteMatch.Found) user).route().name()).isEqualTo("user-item");
        assertThat(apex).isInstanceOf(RouteMatch.NotFound.class);
    }

    @Test
    void shouldListTheAllowedMethodsWhenOnlyTheMethodIsWrong() {
        // given
        RouteTable table = RouteFile.load(Optional.empty());

        // when
        RouteMatch match = table.match("localhost", "PUT", "/posts/abc");

        // then
        assertThat(((RouteMatch.MethodNotAllowed) match).allowed()).containsExactly("DELETE", "GET", "PATCH");
    }

    @Test
    void shouldDecodePercentEncodedPathParameters() {
        // given
        RouteTable table = RouteFile.load(Optional.empty());

        // when
        RouteMatch match = table.match(null, "GET", "/users/a%20b/posts");

        // then
        assertThat(((RouteMatch.Found) match).pathParameters()).containsEntry("id", "a b");
    }

    @Test
    void shouldNameTheUnknownKey() {
        String yaml = TWO_HOSTS.replace("timeout: 2s\n    fields: {postId", "timeout: 2s\n    retries: 3\n    fields: {postId");

        assertThatThrownBy(() -> RouteFile.parse(yaml.getBytes(StandardCharsets.UTF_8), "routes.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("unknown key 'retries'");
    }

    @Test
    void shouldNameTheRouteAndKeyOfABadValue() {
        assertRejected(TWO_HOSTS.replace("command: GetPost", "command: GetPots"), "routes[0] (blog-post).command", "unknown command 'GetPots'");
        assertRejected(TWO_HOSTS.replace("timeout: 2s\n    fields: {postId", "timeout: 10m\n    fields: {postId"),
                "routes[0] (blog-post).timeout", "at most 5m");
        assertRejected(TWO_HOSTS.replace("{postId: \"path:id\"}", "{postId: \"path:nope\"}"), "fields.postId", "no parameter {nope}");
        assertRejected(TWO_HOSTS.replace("method: GET\n    path: /items/{id}\n    command: GetPost", "method: FETCH\n    path: /items/{id}\n    command: GetPost"),
                "routes[0] (blog-post).method", "must be one of");
        assertRejected(TWO_HOSTS.replace("key: postId", "key: title"), "routes[0] (blog-post).key", "not a field of GetPost");
    }

    @Test
    void shouldRefuseARouteWhoseRequiredFieldsHaveNoSource() {
        assertRejected(TWO_HOSTS.replace("fields: {postId: \"path:id\"}", "fields: {}"), "routes[0] (blog-post).fields", "'postId' has no default");
    }

    private static void assertRejected(String yaml, String where, String problem) {
        assertThatThrownBy(() -> RouteFile.parse(yaml.getBytes(StandardCharsets.UTF_8), "routes.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(where)
                .hasMessageContaining(problem);
    }
}
