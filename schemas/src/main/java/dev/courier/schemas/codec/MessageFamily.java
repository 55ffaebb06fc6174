package dev.courier.schemas.codec;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;

/**
 * The generated Avro classes that may travel together on one topic, found by schema full name.
 * A reader decodes any member; a writer writes only members.
 *
 * @param <T> the common supertype of the members
 */
public final class MessageFamily<T extends SpecificRecord> {

    /** Packages of the classes generated from Courier's schemas: the only ones Avro may instantiate by name. */
    private static final Set<String> GENERATED_PACKAGES =
            Set.of("dev.courier.command", "dev.courier.event", "dev.courier.reply", "dev.courier.model");

    static {
        // Avro 1.12 instantiates generated classes only when trusted; trust ours and nothing more.
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(
                ClassSecurityValidator.getGlobal(), type -> GENERATED_PACKAGES.contains(type.getPackageName())));
    }

    private final String name;
    private final Map<String, Class<? extends T>> membersByFullName;

    private MessageFamily(String name, Map<String, Class<? extends T>> membersByFullName) {
        this.name = name;
        this.membersByFullName = Collections.unmodifiableMap(new LinkedHashMap<>(membersByFullName));
    }

    /** A family of the given members. */
    @SafeVarargs
    public static <T extends SpecificRecord> MessageFamily<T> of(String name, Class<T> base, Class<? extends T>... members) {
        Map<String, Class<? extends T>> byName = new LinkedHashMap<>();
        for (Class<? extends T> member : members) {
            if (!base.isAssignableFrom(member)) {
                throw new IllegalArgumentException(member + " is not a " + base);
            }
            byName.put(schemaOf(member).getFullName(), member);
        }
        return new MessageFamily<>(name, byName);
    }

    /** The Avro schema a generated class was generated from. */
    public static Schema schemaOf(Class<? extends SpecificRecord> type) {
        return SpecificData.getForClass(type).getSchema(type);
    }

    public String name() {
        return name;
    }

    /** The member whose schema has this full name, if any. */
    public Optional<Class<? extends T>> memberNamed(String fullName) {
        return Optional.ofNullable(membersByFullName.get(fullName));
    }

    public Collection<Class<? extends T>> members() {
        return membersByFullName.values();
    }

    @Override
    public String toString() {
        return "MessageFamily[" + name + "]";
    }

}
