package dev.courier.service.config;


/**
 * What differs between services before any configuration is read.
 *
 * @param serviceName e.g. {@code blog-service}
 * @param commandTopic default of {@link ServiceConfig#COMMAND_TOPIC}
 * @param eventTopic default of {@link ServiceConfig#EVENT_TOPIC}
 * @param deadLetterTopic default of {@link ServiceConfig#DEAD_LETTER_TOPIC}
 * @param managementPort default of {@link ServiceConfig#MANAGEMENT_PORT}
 */
public record ServiceDefaults(String serviceName, String commandTopic, String eventTopic, String deadLetterTopic, int managementPort) {
}
