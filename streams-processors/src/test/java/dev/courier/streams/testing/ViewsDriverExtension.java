package dev.courier.streams.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/** Gives each test a fresh {@link ViewsDriver} on its own state folder, closed and removed after it. */
public final class ViewsDriverExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(ViewsDriverExtension.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ViewsDriver.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).getOrComputeIfAbsent("driver", key -> new Fixture(), Fixture.class).views;
    }

    /** The driver and its folder, closed by JUnit when the test's store goes. */
    private static final class Fixture implements AutoCloseable {

        private final Path stateDir;
        private final ViewsDriver views;

        Fixture() {
            try {
                stateDir = Files.createTempDirectory("views-driver");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            views = new ViewsDriver(stateDir);
        }

        @Override
        public void close() throws IOException {
            views.close();
            try (Stream<Path> files = Files.walk(stateDir)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
