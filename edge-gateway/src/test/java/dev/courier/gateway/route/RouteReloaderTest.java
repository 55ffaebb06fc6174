package dev.courier.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouteReloaderTest {

    private static final String TWO_SECONDS = route("2s");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<RouteTable> prepared = new ArrayList<>();

    @Test
    void shouldPutAValidNewVersionInForceWholeOnceItIsPrepared(@TempDir Path dir) throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("routes.yaml"), TWO_SECONDS);
        LiveRoutes live = inForce(file);
        RouteReloader reloader = reloader(file, live, prepared::add);

        // when
        Files.writeString(file, route("9s"));
        reloader.check();

        // then
        assertThat(live.get().named("get-item").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(9));
        assertThat(prepared).singleElement().isSameAs(live.get());
        assertThat(registry.get("courier.routes.reloads").tags("result", "applied").counter().count()).isEqualTo(1);
        assertThat(registry.get("courier.routes.file.refused").gauge().value()).isZero();
    }

    @Test
    void shouldKeepTheRoutesInForceAndNameTheProblemWhenTheNewVersionIsInvalid(@TempDir Path dir) throws Exception {
        // given
        Path file = Files.writeString(dir.resolve("routes.yaml"), TWO_SECONDS);
        LiveRoutes live = inForce(file);
        RouteTable inForce = live.get();
        RouteReloader reloader = reloader(file, live, prepared::add);

        // when: a timeout out of bounds, checked twice
        Files.writeString(file, route("10m"));
        reloader.check();
        reloader.check();

        // then: refused once, the old table in force, the metric naming where the problem is
        assertThat(live.get()).isSameAs(inForce);
        assertThat(prepared).isEmpty();
        assertThat(registry.get("courier.routes.reloads").tags("result", "refused", "problem", "routes[0] (get-item).timeout")
                .counter().count()).isEqualTo(1);
        assertThat(registry.get("courier.routes.file.refused").gauge().value()).isEqualTo(1);

        // and a fixed version is put in force
        Files.writeString(file, route("3s"));
        reloader.check();
        assertThat(live.get().named("get-item").orElseThrow().timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(registry.get("courier.routes.file.refused").gauge().value()).isZero();
    }

    @Test
    void shouldRefuseAVersionWhoseNeedsCannotBeMet(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("routes.yaml"), TWO_SECONDS);
        LiveRoutes live = inForce(file);
        RouteTable inForce = live.get();
        RouteReloader reloader = reloader(file, live, table -> {
            throw new IllegalStateException("the broker refused to create the topic");
        });

        Files.writeString(file, route("4s"));
        reloader.check();

        assertThat(live.get()).isSameAs(inForce);
        assertThat(registry.get("courier.routes.reloads").tags("result", "refused").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldTellOnceThatTheFileCannotBeReadAndKeepTheRoutesInForce(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("routes.yaml"), TWO_SECONDS);
        LiveRoutes live = inForce(file);
        RouteTable inForce = live.get();
        RouteReloader reloader = reloader(file, live, prepared::add);

        Files.delete(file);
        reloader.check();
        reloader.check();

        assertThat(live.get()).isSameAs(inForce);
        assertThat(registry.find("courier.routes.reloads").tag("result", "refused").counters())
                .singleElement().satisfies(counter -> assertThat(counter.count()).isEqualTo(1));
    }

    private static LiveRoutes inForce(Path file) throws IOException {
        return new LiveRoutes(RouteFile.parse(Files.readAllBytes(file), file.toString()));
    }

    private RouteReloader reloader(Path file, LiveRoutes live, Consumer<RouteTable> prepare) throws IOException {
        return new RouteReloader(file, Files.readAllBytes(file), live, prepare, registry);
    }

    private static String route(String timeout) {
        return """
                routes:
                  - name: get-item
                    method: GET
                    path: /items/{id}
                    command: GetPost
                    topic: blog
                    key: postId
                    timeout: %s
                    fields: {postId: "path:id"}
                """.formatted(timeout);
    }
}
