package dev.courier.infra.junit;

import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A server shared by every test of a run: started on first use, closed by JUnit with the root
 * store when the run ends.
 */
record RunScoped<T>(T endpoint, Runnable closer) implements AutoCloseable {

    static <T> T get(ExtensionContext context, Class<T> type, Supplier<RunScoped<T>> starter) {
        RunScoped<?> shared = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(type, key -> starter.get(), RunScoped.class);
        return type.cast(shared.endpoint());
    }

    @Override
    public void close() {
        closer.run();
    }
}
