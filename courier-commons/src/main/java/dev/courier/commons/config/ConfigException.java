package dev.courier.commons.config;

/** A configuration value that stops start-up; the message names the key and says what is wrong. */
public final class ConfigException extends RuntimeException {

    private final String key;

    public ConfigException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    /** Where the problem is: the key, or the place in a file. */
    public String key() {
        return key;
    }
}
