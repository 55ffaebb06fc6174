package dev.courier.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.schemas.Messages;
import dev.courier.schemas.TestSchemas;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The gate on schema changes: a current schema that breaks a released version fails the build. */
class SchemaCompatibilityTest {

    static Stream<Class<? extends SpecificRecord>> messageTypes() {
        return Messages.ALL.stream().flatMap(family -> family.members().stream());
    }

    @ParameterizedTest
    @MethodSource("messageTypes")
    void shouldBeBackwardAndForwardCompatibleWithEveryReleasedVersion(Class<? extends SpecificRecord> type) {
        // given
        Schema current = MessageFamily.schemaOf(type);
        List<Schema> released = SchemaCatalog.released().versions(current.getFullName());

        // when
        List<SchemaCompatibilityCheck.Incompatibility> problems = SchemaCompatibilityCheck.check(current, released);

        // then
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("messageTypes")
    void shouldHaveTheCurrentSchemaReleasedSoEveryReaderKnowsIt(Class<? extends SpecificRecord> type) {
        // given
        Schema current = MessageFamily.schemaOf(type);

        // when
        Schema known = SchemaCatalog.released().findByFingerprint(SchemaCatalog.fingerprint(current));

        // then
        assertThat(known)
                .as("%s changed: add it as the next version under src/main/resources/%s%s/ and list it in index.txt:%n%s",
                        current.getFullName(), SchemaCatalog.RELEASED_ROOT, current.getFullName(), current)
                .isNotNull();
    }

    @Test
    void shouldRejectANewRequiredFieldWithoutDefault() {
        // given
        Schema candidate = TestSchemas.load("CreatePost-new-required-field.avsc");
        List<Schema> released = SchemaCatalog.released().versions("dev.courier.command.CreatePost");

        // when
        List<SchemaCompatibilityCheck.Incompatibility> problems = SchemaCompatibilityCheck.check(candidate, released);

        // then new readers cannot read old data (no default for tags); old readers still read new data
        assertThat(problems).singleElement().satisfies(problem -> {
            assertThat(problem.direction()).isEqualTo("backward");
            assertThat(problem.description()).contains("READER_FIELD_MISSING_DEFAULT_VALUE").contains("tags");
        });
    }
}
