package dev.courier.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.courier.commons.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void shouldRefuseAFileWithoutRoutes() {
        assertRejected("routes: []\n", "routes.yaml", "'routes' must list at least one route");
        assertRejected("routes:\n", "routes.yaml", "'routes' must list at least one route");
        assertThatThrownBy(() -> RouteFile.parse("# nothing\n".getBytes(StandardCharsets.UTF_8), "routes.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("routes.yaml: ");
    }

    @Test
    void shouldRefuseTwoRoutesWithOneName() {
        assertRejected(TWO_HOSTS.replace("name: user-item", "name: blog-post"), "routes[1] (blog-post).name", "'blog-post' is used by another route");
    }

    @Test
    void shouldRefuseTwoRoutesThatMatchTheSameRequestsEvenWithOtherParameterNames() {
        String yaml = TWO_HOSTS.replace("host: \"*.users.example.com\"", "host: blog.example.com")
                .replace("path: /items/{id}\n    command: GetUser", "path: /items/{key}\n    command: GetUser")
                .replace("{userId: \"path:id\"}", "{userId: \"path:key\"}");

        assertRejected(yaml, "routes[1] (user-item)", "another route already matches blog.example.com GET /items/{}");
    }

    @Test
    void shouldNameTheMissingKey() {
        assertRejected(TWO_HOSTS.replace("    topic: courier.blog.commands\n", ""), "routes[0] (blog-post).topic", "is required");
        assertRejected(TWO_HOSTS.replace("  - name: blog-post\n    host", "  - host"), "routes[0].name", "is required");
        assertRejected(TWO_HOSTS.replace("timeout: 2s\n    fields: {postId", "fields: {postId"), "routes[0] (blog-post).timeout", "is required");
    }

    @Test
    void shouldRefuseBadNamesHostsTopicsAndScopes() {
        assertRejected(TWO_HOSTS.replace("name: blog-post", "name: Blog_Post"), "routes[0] (Blog_Post).name", "must be lowercase letters, digits and '-'");
        assertRejected(TWO_HOSTS.replace("host: blog.example.com", "host: \"blog.*.com\""), "routes[0] (blog-post).host", "must be a host name or *.domain");
        assertRejected(TWO_HOSTS.replace("topic: courier.blog.commands", "topic: \"courier blog\""), "routes[0] (blog-post).topic",
                "must be a legal Kafka topic name, was 'courier blog'");
        assertRejected(TWO_HOSTS.replace("scopes: [blog:read]", "scopes: [\"blog\\\\read\"]"), "routes[0] (blog-post).scopes", "is not a valid scope");
        assertRejected(TWO_HOSTS.replace("path: /items/{id}\n    command: GetPost", "path: items/{id}\n    command: GetPost"),
                "routes[0] (blog-post).path", "must start with '/'");
    }

    @Test
    void shouldTakeTimeoutsFromAMillisecondUpToFiveMinutes() {
        assertThat(timeoutOf("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(timeoutOf("300s")).isEqualTo(Duration.ofMinutes(5));
        assertThat(timeoutOf("5m")).isEqualTo(Duration.ofMinutes(5));
        assertRejected(withTimeout("0s"), "routes[0] (blog-post).timeout", "must be more than 0 and at most 5m, was '0s'");
        assertRejected(withTimeout("301s"), "routes[0] (blog-post).timeout", "at most 5m");
        assertRejected(withTimeout("5"), "routes[0] (blog-post).timeout", "must be like 250ms, 5s or 1m, was '5'");
        assertRejected(withTimeout("1h"), "routes[0] (blog-post).timeout", "must be like 250ms, 5s or 1m");
        assertRejected(withTimeout("PT5S"), "routes[0] (blog-post).timeout", "must be like 250ms, 5s or 1m");
    }

    @Test
    void shouldRefuseFieldsTheCommandDoesNotHaveOrSourcesItDoesNotKnow() {
        assertRejected(TWO_HOSTS.replace("{postId: \"path:id\"}", "{postId: \"path:id\", title: \"path:id\"}"),
                "routes[0] (blog-post).fields.title", "is not a field of GetPost; its fields: [postId]");
        assertRejected(TWO_HOSTS.replace("{postId: \"path:id\"}", "{postId: \"header:x\"}"),
                "routes[0] (blog-post).fields.postId", "must be request-id, path:<name> or query:<name>, was 'header:x'");
        assertRejected(TWO_HOSTS.replace("{postId: \"path:id\"}", "{postId: \"query:\"}"),
                "routes[0] (blog-post).fields.postId", "must be request-id, path:<name> or query:<name>");
    }

    @Test
    void shouldLetABodyRouteLeaveRequiredFieldsToTheBody() {
        String yaml = TWO_HOSTS.replace("command: GetPost", "command: CreatePost").replace("method: GET\n    path: /items/{id}\n    command: CreatePost",
                "method: POST\n    path: /items/{id}\n    command: CreatePost").replace("timeout: 2s\n    fields: {postId: \"path:id\"}",
                "timeout: 2s\n    body: true\n    fields: {postId: \"path:id\"}");

        Route route = RouteFile.parse(yaml.getBytes(StandardCharsets.UTF_8), "routes.yaml").named("blog-post").orElseThrow();

        assertThat(route.takesBody()).isTrue();
        assertThat(route.fields()).containsEntry("postId", new FieldSource.PathParameter("id"));
    }

    @Test
    void shouldGiveARouteItsDefaultsWhenOptionalKeysAreLeftOut() {
        Route route = RouteFile.parse(TWO_HOSTS.getBytes(StandardCharsets.UTF_8), "routes.yaml").named("blog-post").orElseThrow();

        assertThat(route.successStatus()).isEqualTo(200);
        assertThat(route.location()).isEmpty();
        assertThat(route.takesBody()).isFalse();
        assertThat(route.responseHeaders()).isEmpty();
        assertThat(route.consumerGroup()).isEmpty();
        assertThat(route.scopes()).containsExactly("blog:read");
        assertThat(route.timeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void shouldRefuseASuccessStatusOrLocationItCannotAnswerWith() {
        assertRejected(withSuccess("{status: 204}"), "routes[0] (blog-post).success.status", "must be one of");
        assertRejected(withSuccess("{status: 201, location: /items}"), "routes[0] (blog-post).success.location",
                "must be a path with {field} placeholders, was '/items'");
        assertRejected(withSuccess("{status: 201, location: \"items/{postId}\"}"), "routes[0] (blog-post).success.location", "must be a path");
    }

    @Test
    void shouldRefuseResponseHeadersThatAreNotValidHeaders() {
        assertRejected(TWO_HOSTS.replace("timeout: 2s\n    fields: {postId", "timeout: 2s\n    response-headers: {\"Cache Control\": no-store}\n    fields: {postId"),
                "routes[0] (blog-post).response-headers.Cache Control", "is not a valid header");
        assertRejected(TWO_HOSTS.replace("timeout: 2s\n    fields: {postId", "timeout: 2s\n    response-headers: {X-Note: \"a\\nb\"}\n    fields: {postId"),
                "routes[0] (blog-post).response-headers.X-Note", "is not a valid header");
    }

    @Test
    void shouldRefuseAConsumerGroupWithSpaces() {
        assertRejected(blogPostWith("consumer-group: \"blog service\""),
                "routes[0] (blog-post).consumer-group", "must be 1 to 255 characters without spaces, was 'blog service'");
    }

    @Test
    void shouldReadARateLimitWhoseBurstDefaultsToItsRequests() {
        // given
        String yaml = blogPostWith("rate-limit: {requests: 600, per: 1m}")
                .replace("key: userId", "key: userId\n    rate-limit: {requests: 10, per: 1s, burst: 50}");

        // when
        RouteTable table = RouteFile.parse(yaml.getBytes(StandardCharsets.UTF_8), "test");

        // then
        assertThat(table.named("blog-post").orElseThrow().rateLimit()).contains(new RateLimit(600, Duration.ofMinutes(1), 600));
        assertThat(table.named("user-item").orElseThrow().rateLimit()).contains(new RateLimit(10, Duration.ofSeconds(1), 50));
    }

    @Test
    void shouldRefuseARateLimitThatIsIncompleteOrOutOfRange() {
        assertRejected(blogPostWith("rate-limit: {per: 1m}"),
                "routes[0] (blog-post).rate-limit.requests", "is required");
        assertRejected(blogPostWith("rate-limit: {requests: 5}"),
                "routes[0] (blog-post).rate-limit.per", "is required");
        assertRejected(blogPostWith("rate-limit: {requests: 5, per: 1w}"),
                "routes[0] (blog-post).rate-limit.per", "must be like 1s, 30s, 1m, 1h or 1d, was '1w'");
        assertRejected(blogPostWith("rate-limit: {requests: 0, per: 1m}"),
                "routes[0] (blog-post).rate-limit", "requests must be 1 to 1000000000, was 0");
        assertRejected(blogPostWith("rate-limit: {requests: 5, per: 2d}"),
                "routes[0] (blog-post).rate-limit", "per must be 1s to 1d");
        assertRejected(blogPostWith("rate-limit: {requests: 5, per: 1m, by: ip}"),
                "routes.yaml", "unknown key 'by'");
    }

    @Test
    void shouldReadACachePolicyOfAGetRoute() {
        RouteTable table = RouteFile.parse(blogPostWith("cache: {ttl: 5m, invalidated-by: courier.blog.events}")
                .getBytes(StandardCharsets.UTF_8), "test");

        assertThat(table.named("blog-post").orElseThrow().cache()).contains(new CachePolicy(Duration.ofMinutes(5), "courier.blog.events"));
        assertThat(table.named("user-item").orElseThrow().cache()).isEmpty();
    }

    @Test
    void shouldRefuseACachePolicyThatCouldNotBeKeptFresh() {
        assertRejected(TWO_HOSTS.replace("method: GET\n    path: /items/{id}\n    command: GetPost", "method: DELETE\n    path: /items/{id}\n    command: GetPost")
                        .replace("key: postId", "key: postId\n    cache: {ttl: 5m, invalidated-by: courier.blog.events}"),
                "routes[0] (blog-post).cache", "only a GET route's answers can be kept, this one is DELETE");
        assertRejected(blogPostWith("cache: {ttl: 5m}"),
                "routes[0] (blog-post).cache.invalidated-by", "is required");
        assertRejected(blogPostWith("cache: {ttl: 2d, invalidated-by: courier.blog.events}"),
                "routes[0] (blog-post).cache", "ttl must be 1s to 1d");
        assertRejected(blogPostWith("cache: {ttl: 5m, invalidated-by: \"blog events\"}"),
                "routes[0] (blog-post).cache.invalidated-by", "must be a legal Kafka topic name");
    }

    @Test
    void shouldTakeAKnownResultOrNoneAsTheRoutesResponseAndRefuseAnyOther() {
        RouteTable table = RouteFile.parse(blogPostWith("response: Post")
                .replace("key: userId", "key: userId\n    response: none").getBytes(StandardCharsets.UTF_8), "test");

        assertThat(table.named("blog-post").orElseThrow().response()).contains("Post");
        assertThat(table.named("user-item").orElseThrow().response()).contains("none");
        assertRejected(blogPostWith("response: Article"),
                "routes[0] (blog-post).response", "unknown result 'Article'; known: [");
    }

    @Test
    void shouldSayWhereTheYamlIsBroken() {
        assertRejected("routes:\n  - name: [unclosed\n", "routes.yaml", "(line ");
    }

    @Test
    void shouldNameTheRouteFileKeyWhenTheFileCannotBeRead(@TempDir Path dir) {
        Path missing = dir.resolve("missing.yaml");

        assertThatThrownBy(() -> RouteFile.load(Optional.of(missing)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("routes.file: cannot read " + missing);
    }

    @Test
    void shouldNameTheFileInErrorsOfALoadedFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("routes.yaml"), TWO_HOSTS.replace("command: GetPost", "command: GetPots"));

        assertThatThrownBy(() -> RouteFile.load(Optional.of(file)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(file + ": routes[0] (blog-post).command");
    }

    @Test
    void shouldServeTheDefaultRoutesWithTheirConsumerGroupsAndLocations() {
        RouteTable defaults = RouteFile.load(Optional.empty());

        assertThat(defaults.routes()).extracting(Route::name).containsExactlyInAnyOrder("create-post", "get-post", "update-post",
                "delete-post", "list-posts-by-author", "create-user", "get-user", "author-stats", "route-stats", "dead-letter-stats");
        assertThat(defaults.routes()).allSatisfy(route -> assertThat(route.consumerGroup()).isPresent());
        Route routeStats = defaults.named("route-stats").orElseThrow();
        assertThat(routeStats.scopes()).containsExactly("ops:read");
        assertThat(routeStats.topic()).isEqualTo("courier.analytics.queries");
        assertThat(routeStats.fields()).containsEntry("from", new FieldSource.QueryParameter("from"));
        Route createUser = defaults.named("create-user").orElseThrow();
        assertThat(createUser.successStatus()).isEqualTo(201);
        assertThat(createUser.location()).contains("/users/{userId}");
        assertThat(createUser.responseHeaders()).containsEntry("Cache-Control", "no-store");
        assertThat(createUser.fields()).containsEntry("userId", new FieldSource.RequestId());
    }

    @Test
    void shouldListTheFieldsALocationTemplateNames() {
        assertThat(RouteFile.placeholders("/users/{userId}/posts/{postId}")).containsExactly("userId", "postId");
        assertThat(RouteFile.placeholders("/users")).isEmpty();
    }

    private static Duration timeoutOf(String timeout) {
        return RouteFile.parse(withTimeout(timeout).getBytes(StandardCharsets.UTF_8), "routes.yaml").named("blog-post").orElseThrow().timeout();
    }

    private static String withTimeout(String timeout) {
        return TWO_HOSTS.replace("timeout: 2s\n    fields: {postId", "timeout: " + timeout + "\n    fields: {postId");
    }

    private static String withSuccess(String success) {
        return TWO_HOSTS.replace("timeout: 2s\n    fields: {postId", "timeout: 2s\n    success: " + success + "\n    fields: {postId");
    }

    private static void assertRejected(String yaml, String where, String problem) {
        assertThatThrownBy(() -> RouteFile.parse(yaml.getBytes(StandardCharsets.UTF_8), "routes.yaml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(where)
                .hasMessageContaining(problem);
    }

    /** The two-host route file with one more setting on its blog-post route. */
    private static String blogPostWith(String setting) {
        return TWO_HOSTS.replace("key: postId", "key: postId\n    " + setting);
    }
}
