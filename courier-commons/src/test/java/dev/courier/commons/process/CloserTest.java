package dev.courier.commons.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CloserTest {

    @Test
    void shouldCloseNewestFirstAndGoOnPastAFailure() {
        List<String> closed = new ArrayList<>();
        Closer closer = new Closer();
        closer.register("clients", () -> closed.add("clients"));
        closer.register("consumer", () -> {
            closed.add("consumer");
            throw new IllegalStateException("already closed");
        });
        closer.register("server", () -> closed.add("server"));

        closer.close();
        closer.close();

        assertThat(closed).containsExactly("server", "consumer", "clients");
    }
}
