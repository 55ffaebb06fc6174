package dev.courier.commons.config;


/** A configuration value that stops start-up; the message names the key and says what is wrong. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
    }
}
