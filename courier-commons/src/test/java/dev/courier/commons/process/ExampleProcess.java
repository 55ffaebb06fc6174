package dev.courier.commons.process;

import dev.courier.commons.config.ConfigException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * A process for {@link ProcessMainIT} to run in its own JVM. Its one argument says how it goes:
 * {@code bad-config}, {@code start-fails}, or {@code dies} (a part it cannot live without stops).
 */
public final class ExampleProcess implements RunningProcess {

    private final CompletableFuture<String> failed = new CompletableFuture<>();

    public static void main(String[] args) {
        ProcessMain.run("example", args, file -> {
            String how = file.toString();
            if (how.equals("bad-config")) {
                throw new ConfigException("example.key", "must be a number, was 'x'");
            }
            return how;
        }, how -> {
            if (how.equals("start-fails")) {
                throw new IllegalStateException("Kafka is not reachable");
            }
            ExampleProcess process = new ExampleProcess();
            process.failed.complete("the consumer loop died");
            return process;
        });
    }

    @Override
    public CompletionStage<String> failed() {
        return failed;
    }

    @Override
    public void close() {
        System.out.println("drained and closed");
    }
}
