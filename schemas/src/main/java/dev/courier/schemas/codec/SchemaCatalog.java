package dev.courier.schemas.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;

/**
 * Every released version of every message schema, found by the 64-bit fingerprint that Avro
 * single-object encoding puts in front of each message. This is what lets a reader decode data
 * written by any older (or newer, known) writer without a schema registry.
 *
 * <p>Released versions live on the classpath under {@value #RELEASED_ROOT}, listed in
 * {@code index.txt} one path per line ({@code <full name>/v<N>.avsc}), oldest first per name.
 */
public final class SchemaCatalog implements SchemaStore {

    /** Classpath folder holding the released schema versions and their index. */
    public static final String RELEASED_ROOT = "dev/courier/schemas/released/";

    private static volatile SchemaCatalog released;

    private final Map<Long, Schema> byFingerprint;
    private final Map<String, List<Schema>> versionsByName;

    private SchemaCatalog(Collection<Schema> schemas) {
        Map<Long, Schema> fingerprints = new HashMap<>();
        Map<String, List<Schema>> versions = new LinkedHashMap<>();
        for (Schema schema : schemas) {
            if (fingerprints.putIfAbsent(fingerprint(schema), schema) == null) {
                versions.computeIfAbsent(schema.getFullName(), name -> new ArrayList<>()).add(schema);
            }
        }
        this.byFingerprint = Map.copyOf(fingerprints);
        versions.replaceAll((name, list) -> List.copyOf(list));
        this.versionsByName = Map.copyOf(versions);
    }

    /** The catalog of released versions shipped in this module, loaded once. */
    public static SchemaCatalog released() {
        SchemaCatalog catalog = released;
        if (catalog == null) {
            synchronized (SchemaCatalog.class) {
                catalog = released;
                if (catalog == null) {
                    catalog = load(SchemaCatalog.class.getClassLoader(), RELEASED_ROOT);
                    released = catalog;
                }
            }
        }
        return catalog;
    }

    /** A catalog of the versions listed in {@code root + "index.txt"} on the class loader's classpath. */
    public static SchemaCatalog load(ClassLoader loader, String root) {
        List<Schema> schemas = new ArrayList<>();
        for (String path : readLines(loader, root + "index.txt")) {
            schemas.add(parse(loader, root + path));
        }
        return new SchemaCatalog(schemas);
    }

    /** A catalog of exactly these schemas. */
    public static SchemaCatalog of(Collection<Schema> schemas) {
        return new SchemaCatalog(schemas);
    }

    /** This catalog plus more versions, e.g. the current schemas of a build not yet released. */
    public SchemaCatalog with(Collection<Schema> more) {
        List<Schema> all = new ArrayList<>();
        versionsByName.values().forEach(all::addAll);
        all.addAll(more);
        return new SchemaCatalog(all);
    }

    /** The CRC-64-AVRO fingerprint of a schema's parsing canonical form, as single-object encoding uses it. */
    public static long fingerprint(Schema schema) {
        return SchemaNormalization.parsingFingerprint64(schema);
    }

    @Override
    public Schema findByFingerprint(long fingerprint) {
        return byFingerprint.get(fingerprint);
    }

    /** The known versions of one schema, oldest first; empty when none. */
    public List<Schema> versions(String fullName) {
        return versionsByName.getOrDefault(fullName, List.of());
    }

    public Set<String> names() {
        return versionsByName.keySet();
    }

    private static Schema parse(ClassLoader loader, String resource) {
        try (InputStream in = open(loader, resource)) {
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema " + resource, e);
        }
    }

    private static List<String> readLines(ClassLoader loader, String resource) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(loader, resource), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static InputStream open(ClassLoader loader, String resource) {
        InputStream in = loader.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing classpath resource " + resource);
        }
        return in;
    }
}
