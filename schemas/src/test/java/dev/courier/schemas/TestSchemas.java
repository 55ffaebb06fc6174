package dev.courier.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** Schemas kept under src/test/resources/schemas for tests of evolution. */
public final class TestSchemas {

    private TestSchemas() {
    }

    public static Schema load(String name) {
        try (InputStream in = TestSchemas.class.getResourceAsStream("/schemas/" + name)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
