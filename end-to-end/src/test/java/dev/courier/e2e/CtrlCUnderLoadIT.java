package dev.courier.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.infra.dev.CourierServices;
import dev.courier.infra.dev.DevMain;
import dev.courier.infra.process.Await;
import dev.courier.infra.process.FreePorts;
import dev.courier.infra.process.ProcessOutput;
import dev.courier.infra.process.ProcessTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./courier} stopped with Ctrl-C while clients are busy: the terminal's SIGINT goes to the
 * launcher's whole process group, as a terminal sends it. The gateway drains first (requests in
 * flight get their 201, new ones 503), then the services, Redis and Kafka stop; no request in
 * flight is left without an answer, and none times out.
 */
class CtrlCUnderLoadIT {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern SECRET = Pattern.compile("-u demo:([0-9a-f]+)");
    private static final int CLIENTS = 8;

    @Test
    void shouldAnswerEveryRequestInFlightAndStopEverythingOnCtrlC(@TempDir Path data) throws Exception {
        // given: the launcher, leading a process group of its own as a shell's foreground job does, and
        // with SIGINT handled as a terminal's job has it: a test run in the background (`./test &`)
        // inherits SIGINT ignored, and a JVM that starts with SIGINT ignored never runs its hooks on it
        int port = FreePorts.consecutive(CourierServices.Ports.COUNT);
        String classpath = ROOT.resolve("infra/target/classes") + ":" + Files.readString(ROOT.resolve("infra/target/runtime-classpath.txt")).trim();
        ProcessBuilder builder = new ProcessBuilder("env", "--default-signal=INT", "setsid", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dcourier.root=" + ROOT, "-cp", classpath, DevMain.class.getName(), data.toString()).redirectErrorStream(true);
        builder.environment().put("COURIER_HTTP_PORT", Integer.toString(port));
        Process launcher = builder.start();
        Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        try {
            Queue<String> afterReady = new ConcurrentLinkedQueue<>();
            List<String> output = ProcessOutput.linesUntil(launcher, DevMain.READY, afterReady::add);
            Matcher secret = SECRET.matcher(String.join("\n", output));
            assertThat(secret.find()).isTrue();
            String token = new Http(port).token("demo", secret.group(1));
            List<ProcessHandle> children = launcher.descendants().toList();

            // when: clients keep posting, and Ctrl-C comes in the middle of it
            AtomicInteger created = new AtomicInteger();
            AtomicBoolean ctrlC = new AtomicBoolean();
            for (int i = 0; i < CLIENTS; i++) {
                clients.submit(() -> postUntilRefused(port, token, ctrlC, outcomes, created));
            }
            Await.until("clients to be busy", Duration.ofSeconds(60), () -> created.get() >= 50, outcomes::toString);
            long interrupted = System.nanoTime();
            ctrlC.set(true);
            new ProcessBuilder("kill", "-INT", "--", "-" + launcher.pid()).inheritIO().start().waitFor();
            assertThat(launcher.waitFor(120, TimeUnit.SECONDS)).as("the launcher stops; it printed after ready:%n%s",
                    String.join("\n", afterReady)).isTrue();
            long stopMillis = (System.nanoTime() - interrupted) / 1_000_000;
            clients.shutdown();
            assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();

            // then
            System.out.printf("Ctrl-C under load: outcomes=%s, stopped in %d ms%n", outcomes, stopMillis);
            assertThat(outcomes.keySet()).as("every request in flight at Ctrl-C answered 201 or 503")
                    .contains("in flight: 201").filteredOn(outcome -> outcome.startsWith("in flight"))
                    .allMatch(outcome -> outcome.equals("in flight: 201") || outcome.equals("in flight: 503"));
            assertThat(outcomes.keySet()).as("a request sent after Ctrl-C is answered 503, or finds the gateway gone; never a 504")
                    .filteredOn(outcome -> outcome.startsWith("sent after"))
                    .allMatch(outcome -> outcome.matches("sent after: (201|503|refused|closed unread)"));
            for (ProcessHandle child : children) {
                assertThat(child.onExit().get(30, TimeUnit.SECONDS).isAlive()).isFalse();
            }
            String gatewayLog = Files.readString(data.resolve("logs/edge-gateway.log"));
            assertThat(gatewayLog).contains("gateway stopped").doesNotContain("requests still waiting");
        } finally {
            clients.shutdownNow();
            ProcessTree.kill(launcher);
        }
    }

    /**
     * One client: a POST on a new connection each time, until the gateway says it is stopping or is
     * gone. A request whose bytes were all written before Ctrl-C counts as in flight, whether or not
     * the gateway had read it yet; any other as sent after.
     */
    private static void postUntilRefused(int port, String token, AtomicBoolean ctrlC, Map<String, AtomicInteger> outcomes,
                                         AtomicInteger created) {
        String body = "{\"title\":\"under load\",\"content\":\"x\"}";
        while (true) {
            boolean sentBeforeCtrlC = false;
            String outcome;
            try (RawHttp raw = new RawHttp(port)) {
                raw.send("POST /posts HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body);
                sentBeforeCtrlC = !ctrlC.get();
                outcome = Integer.toString(raw.read().status());
            } catch (UncheckedIOException e) {
                outcome = e.getCause() instanceof ConnectException ? "refused" : "closed unread";
            } catch (AssertionError e) {
                outcome = "closed unread";
            }
            outcomes.computeIfAbsent((sentBeforeCtrlC ? "in flight: " : "sent after: ") + outcome, key -> new AtomicInteger())
                    .incrementAndGet();
            if (!outcome.equals("201")) {
                return;
            }
            created.incrementAndGet();
        }
    }
}
