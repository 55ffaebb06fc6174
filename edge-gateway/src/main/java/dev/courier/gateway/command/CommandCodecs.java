package dev.courier.gateway.command;

import dev.courier.schemas.Messages;
import dev.courier.schemas.codec.MessageFamily;
import dev.courier.schemas.codec.SchemaCatalog;
import dev.courier.schemas.codec.SingleObjectCodec;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/** Single-object encoders for every command the gateway can route to. */
public final class CommandCodecs {

    /** Every command family a route may name. */
    public static final List<MessageFamily<SpecificRecord>> FAMILIES = List.of(Messages.BLOG_COMMANDS, Messages.USER_COMMANDS,
            Messages.ANALYTICS_QUERIES);

    private final Map<Class<?>, SingleObjectCodec<SpecificRecord>> byCommand = new HashMap<>();

    public CommandCodecs() {
        for (MessageFamily<SpecificRecord> family : FAMILIES) {
            SingleObjectCodec<SpecificRecord> codec = new SingleObjectCodec<>(family, SchemaCatalog.released());
            family.members().forEach(member -> byCommand.put(member, codec));
        }
    }

    public byte[] encode(SpecificRecord command) {
        return byCommand.get(command.getClass()).encode(command);
    }
}
