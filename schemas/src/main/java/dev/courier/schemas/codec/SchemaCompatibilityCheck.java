package dev.courier.schemas.codec;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;

/**
 * Checks a candidate schema against every released version of it in both directions: the
 * candidate must read what any released version wrote (backward), and every released version must
 * read what the candidate writes (forward), so old and new services can share a topic.
 */
public final class SchemaCompatibilityCheck {

    private SchemaCompatibilityCheck() {
    }

    /** One way in which the candidate breaks compatibility with a released version. */
    public record Incompatibility(String schema, String direction, int releasedVersion, String description) {
        @Override
        public String toString() {
            return schema + " is not " + direction + " compatible with released v" + releasedVersion + ": " + description;
        }
    }

    /** Every incompatibility; empty when the candidate may be released. */
    public static List<Incompatibility> check(Schema candidate, List<Schema> released) {
        List<Incompatibility> problems = new ArrayList<>();
        for (int i = 0; i < released.size(); i++) {
            Schema old = released.get(i);
            int version = i + 1;
            compare(candidate, old, "backward", version, problems);
            compare(old, candidate, "forward", version, problems);
        }
        return problems;
    }

    private static void compare(Schema reader, Schema writer, String direction, int version, List<Incompatibility> problems) {
        SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
            problems.add(new Incompatibility(reader.getFullName(), direction, version, result.getResult().getIncompatibilities().toString()));
        }
    }
}
