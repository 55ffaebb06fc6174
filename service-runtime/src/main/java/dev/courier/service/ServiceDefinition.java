package dev.courier.service;

import dev.courier.schemas.codec.MessageFamily;
import dev.courier.service.command.CommandHandler;
import dev.courier.service.config.ServiceDefaults;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecord;
import org.redisson.api.RedissonClient;

/**
 * What makes one service: its defaults, the Redis key prefix it owns, the commands it reads, the
 * events it writes and the handler that decides.
 *
 * @param defaults names and default topics
 * @param keyPrefix every Redis key this service writes starts with it, e.g. {@code blog:}
 * @param commands the command types its topic accepts
 * @param events the event types it emits
 * @param handler builds the handler on the service's Redis client
 */
public record ServiceDefinition(ServiceDefaults defaults, String keyPrefix, MessageFamily<SpecificRecord> commands,
                                MessageFamily<SpecificRecord> events, Function<RedissonClient, CommandHandler> handler) {
}
