package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.infra.dev.CourierServices;
import dev.courier.infra.dev.DemoClient;
import dev.courier.infra.junit.InfraExtension;
import dev.courier.infra.kafka.KafkaEndpoint;
import dev.courier.infra.redis.RedisEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The stack as {@code ./courier} runs it: each module in its own JVM, started and stopped by signal. */
@ExtendWith(InfraExtension.class)
class CourierProcessesIT {

    /** This module's parent: the other modules were packaged there earlier in the same build. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @Test
    void shouldServeARequestAndLogEachProcessStoppingCleanly(KafkaEndpoint kafka, RedisEndpoint redis, @TempDir Path data)
            throws IOException {
        assertThat(CourierServices.built(ROOT)).as("modules packaged under %s; run mvn verify from the project root", ROOT).isTrue();
        DemoClient demo = DemoClient.create();
        CourierServices.Ports ports = CourierServices.Ports.free();

        try (CourierServices services = CourierServices.start(ROOT, data, kafka.bootstrapServers(), redis.uri(), ports, demo)) {
            Http http = new Http(services.port());
            Http.Response created = http.request("POST", "/posts").bearer(http.token(demo.id(), demo.secret()))
                    .json("{\"title\":\"from a process\",\"content\":\"c\"}").send();
            assertThat(created.status()).isEqualTo(201);
        }

        // Each drain's last line reaches the log: nothing stops logging while a process still drains.
        assertThat(Files.readString(data.resolve("logs/edge-gateway.log"))).contains("gateway stopped");
        assertThat(Files.readString(data.resolve("logs/blog-service.log"))).contains("service stopped service=blog-service");
        assertThat(Files.readString(data.resolve("logs/user-service.log"))).contains("service stopped service=user-service");
    }
}
