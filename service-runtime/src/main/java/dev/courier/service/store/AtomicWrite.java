package dev.courier.service.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A change to Redis hashes and sorted sets that applies only if the state it was decided on still
 * holds, together with storing the command's outcome: all or nothing, in one Lua script (see
 * {@link RedisAtomicWriter}). Built by a handler from what it read.
 *
 * @param conditions what must still be true; otherwise the command is decided again
 * @param operations what to change, in order
 */
public record AtomicWrite(List<Condition> conditions, List<Operation> operations) {

    public AtomicWrite {
        conditions = List.copyOf(conditions);
        operations = List.copyOf(operations);
    }

    /** No change: only the outcome is stored, if the conditions hold. */
    public static AtomicWrite none() {
        return new AtomicWrite(List.of(), List.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All keys the write touches, in first-use order. */
    public List<String> keys() {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        conditions.forEach(condition -> keys.put(condition.key(), true));
        operations.forEach(operation -> keys.put(operation.key(), true));
        return List.copyOf(keys.keySet());
    }

    /**
     * A hash field's value as the handler saw it.
     *
     * @param expected the value read, or null when the field was absent
     */
    public record Condition(String key, String field, String expected) {
        public Condition {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(field, "field");
        }
    }

    /** One Redis write command on one key. */
    public record Operation(Command command, String key, List<String> arguments) {
        public Operation {
            Objects.requireNonNull(command, "command");
            Objects.requireNonNull(key, "key");
            arguments = List.copyOf(arguments);
        }
    }

    /** The write commands a handler may use. */
    public enum Command { HSET, DEL, ZADD, ZREM }

    public static final class Builder {
        private final List<Condition> conditions = new ArrayList<>();
        private final List<Operation> operations = new ArrayList<>();

        private Builder() {
        }

        /** The field still has this value ({@code null}: is still absent). */
        public Builder require(String key, String field, String expected) {
            conditions.add(new Condition(key, field, expected));
            return this;
        }

        public Builder requireAbsent(String key, String field) {
            return require(key, field, null);
        }

        public Builder hset(String key, Map<String, String> fields) {
            List<String> arguments = new ArrayList<>();
            fields.forEach((field, value) -> {
                arguments.add(field);
                arguments.add(value);
            });
            return add(Command.HSET, key, arguments);
        }

        public Builder del(String key) {
            return add(Command.DEL, key, List.of());
        }

        public Builder zadd(String key, double score, String member) {
            return add(Command.ZADD, key, List.of(Double.toString(score), member));
        }

        public Builder zrem(String key, String member) {
            return add(Command.ZREM, key, List.of(member));
        }

        public AtomicWrite build() {
            return new AtomicWrite(conditions, operations);
        }

        private Builder add(Command command, String key, List<String> arguments) {
            operations.add(new Operation(command, key, arguments));
            return this;
        }
    }
}
