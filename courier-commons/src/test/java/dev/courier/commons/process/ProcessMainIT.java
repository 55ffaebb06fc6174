package dev.courier.commons.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Every Courier process ends the same way, as a supervisor expects: each case runs in a JVM of its own. */
class ProcessMainIT {

    @Test
    void shouldExit2NamingTheKeyOnABadConfiguration() throws Exception {
        Ended ended = run("bad-config");

        assertThat(ended.status()).isEqualTo(ProcessMain.BAD_CONFIG);
        assertThat(ended.output()).contains("example: bad configuration: example.key: must be a number, was 'x'").doesNotContain("\tat ");
    }

    @Test
    void shouldExit1WhenStartFails() throws Exception {
        Ended ended = run("start-fails");

        assertThat(ended.status()).isEqualTo(ProcessMain.START_FAILED);
        assertThat(ended.output()).contains("start failed process=example error=java.lang.IllegalStateException: Kafka is not reachable");
    }

    @Test
    void shouldDrainThenExit70WhenAPartItNeedsDies() throws Exception {
        Ended ended = run("dies");

        assertThat(ended.status()).isEqualTo(ProcessMain.FAILED);
        assertThat(ended.output()).contains("process cannot go on, stopping process=example reason=the consumer loop died")
                .contains("drained and closed");
    }

    private record Ended(int status, String output) {
    }

    private static Ended run(String how) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"), ExampleProcess.class.getName(), how))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ended(process.exitValue(), output);
    }
}
