package dev.courier.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RouteDeadlinesTest {

    @Test
    void shouldExportEachRoutesDeadlineBesideItsTopicAndGroup() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouteTable routes = RouteFile.load(Optional.empty());

        RouteDeadlines.bindTo(registry, routes, new LiveRoutes(routes));

        assertThat(registry.find("courier.route.deadline").gauges()).hasSize(routes.routes().size());
        assertThat(registry.get("courier.route.deadline")
                .tags("route", "create-user", "topic", "courier.user.commands", "group", "courier.user-service").gauge().value())
                .isEqualTo(10.0);
    }

    @Test
    void shouldFollowTheRoutesInForceAfterAReload() {
        // given
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouteTable before = table(route("get-post", "/items/{id}", "2s"));
        LiveRoutes live = new LiveRoutes(before);
        RouteDeadlines.bindTo(registry, before, live);

        // when: get-post's deadline changes and find-post comes beside it
        RouteTable after = table(route("get-post", "/items/{id}", "7s") + route("find-post", "/found/{id}", "3s"));
        RouteDeadlines.bindTo(registry, after, live);
        live.replace(after);

        // then
        assertThat(registry.get("courier.route.deadline").tags("route", "get-post").gauge().value()).isEqualTo(7.0);
        assertThat(registry.get("courier.route.deadline").tags("route", "find-post").gauge().value()).isEqualTo(3.0);
        live.replace(table(route("find-post", "/found/{id}", "3s")));
        assertThat(registry.get("courier.route.deadline").tags("route", "get-post").gauge().value()).as("reloaded away").isNaN();
    }

    private static RouteTable table(String routes) {
        return RouteFile.parse(("routes:\n" + routes).getBytes(StandardCharsets.UTF_8), "test");
    }

    private static String route(String name, String path, String timeout) {
        return """
                  - name: %s
                    method: GET
                    path: %s
                    command: GetPost
                    topic: blog
                    key: postId
                    timeout: %s
                    fields: {postId: "path:id"}
                """.formatted(name, path, timeout);
    }
}
