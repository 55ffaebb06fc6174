package dev.courier.streams.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.courier.schemas.codec.MessageFamily;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SchemaCompatibilityCheck;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gate on the processors' own state: a new version must read what an older one left in the
 * stores and their changelogs, so every current schema is released and compatible both ways.
 */
class StateSchemasTest {

    static Stream<Class<? extends SpecificRecord>> stateTypes() {
        return StateSerdes.STATE.members().stream();
    }

    @ParameterizedTest
    @MethodSource("stateTypes")
    void shouldHaveTheCurrentSchemaReleasedAndCompatibleWithEveryReleasedVersion(Class<? extends SpecificRecord> type) {
        // given
        Schema current = MessageFamily.schemaOf(type);

        // when
        Schema known = StateSerdes.catalog().findByFingerprint(SchemaCatalog.fingerprint(current));

        // then
        assertThat(known).as("%s changed: add it as the next version under src/main/resources/%s%s/ and list it in index.txt:%n%s",
                current.getFullName(), StateSerdes.RELEASED_ROOT, current.getFullName(), current).isNotNull();
        assertThat(SchemaCompatibilityCheck.check(current, StateSerdes.catalog().versions(current.getFullName()))).isEmpty();
    }
}
