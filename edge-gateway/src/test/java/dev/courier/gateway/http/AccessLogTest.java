package dev.courier.gateway.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The access log leaves the event loops at once and writes on a thread of its own. */
class AccessLogTest {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

    @Test
    void shouldWriteOneKeyValueLinePerRequestWithItsIdsAndNoBody() {
        AccessRecords.Served served = served(201, "r-1");

        assertThat(AccessLog.line(served)).isEqualTo(
                "request method=POST path=/posts status=201 durationMs=5 requestId=r-1 correlationId=c-1 traceId=4bf92f3577b34da6a3ce929d0e0e4736");
    }

    @Test
    void shouldWriteTheGatheredLinesOnItsOwnThreadNotTheCallers() throws Exception {
        LinkedBlockingQueue<String> writtenOn = new LinkedBlockingQueue<>();
        try (AccessLog log = new AccessLog(10, meters, Duration.ofMillis(10), served -> true, served -> writtenOn.add(Thread.currentThread().getName()))) {

            log.served(served(201, "r-1"));

            assertThat(writtenOn.poll(30, TimeUnit.SECONDS)).isEqualTo("courier-access-log");
        }
    }

    @Test
    void shouldGatherOnlyWhatTheLogTakes() {
        List<String> written = new CopyOnWriteArrayList<>();
        try (AccessLog log = new AccessLog(10, meters, Duration.ofHours(1), served -> served.status() >= 500, served -> written.add(served.requestId()))) {

            log.served(served(201, "r-1"));
            log.served(served(503, "r-2"));
        }

        assertThat(written).containsExactly("r-2");
    }

    @Test
    void shouldDropAndCountALineThatDoesNotFitRatherThanWait() {
        List<String> written = new CopyOnWriteArrayList<>();
        // given room for one line, and no write before closing
        try (AccessLog log = new AccessLog(1, meters, Duration.ofHours(1), served -> true, served -> written.add(served.requestId()))) {

            log.served(served(201, "r-1"));
            log.served(served(201, "r-2"));

            assertThat(meters.get("courier.access.log.dropped").counter().count()).isEqualTo(1);
        }
        // then closing wrote what was gathered
        assertThat(written).containsExactly("r-1");
    }

    private static AccessRecords.Served served(int status, String requestId) {
        return new AccessRecords.Served("create-post", "POST", "/posts", status, 5_400_000, 3_000_000, "ada", 0L, requestId, "c-1",
                "4bf92f3577b34da6a3ce929d0e0e4736");
    }
}
