package dev.courier.commons.process;

import java.util.concurrent.CompletionStage;

/** What a Courier process's {@code main} starts: it runs until closed, or until it cannot go on. */
public interface RunningProcess extends AutoCloseable {

    /**
     * Completes, with the reason, when a part the process cannot work without has stopped for good
     * (a consumer loop died). Never completes while all is well.
     */
    CompletionStage<String> failed();

    /** Drains and stops; called once, from the shutdown hook. */
    @Override
    void close();
}
