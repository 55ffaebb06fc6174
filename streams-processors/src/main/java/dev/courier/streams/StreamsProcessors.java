package dev.courier.streams;

import dev.courier.commons.process.ProcessMain;
import dev.courier.streams.config.ProcessorConfig;

/** The streams processors' process: {@code StreamsProcessors [config.properties]}. */
public final class StreamsProcessors {

    private StreamsProcessors() {
    }

    public static void main(String[] args) {
        ProcessMain.run(ProcessorConfig.PROCESS_NAME, args, file -> ProcessorConfig.load(file, System.getenv()), ProcessorRuntime::start);
    }
}
