package dev.courier.commons.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Where configuration comes from: an optional properties file, then environment variables that
 * override it. {@code COURIER_REDIS_ADDRESS} overrides {@code redis.address}: strip the prefix,
 * lower-case, and read {@code _} as {@code .} — and as {@code -} where a known key has one.
 * Other {@code COURIER_} variables are ignored: the environment is shared with other tools, so
 * only the file is held to "no unknown keys".
 */
public final class ConfigSources {

    public static final String ENV_PREFIX = "COURIER_";

    private ConfigSources() {
    }

    /** The file's keys (none when {@code file} is null), overridden by matching environment variables. */
    public static Map<String, String> load(Path file, Map<String, String> environment, Iterable<String> knownKeys,
                                           Iterable<String> passThroughPrefixes) {
        Map<String, String> values = new HashMap<>(file == null ? Map.of() : readFile(file));
        Map<String, String> envNameToKey = new HashMap<>();
        knownKeys.forEach(key -> envNameToKey.put(envName(key), key));
        environment.forEach((name, value) -> {
            if (envNameToKey.containsKey(name)) {
                values.put(envNameToKey.get(name), value);
                return;
            }
            for (String prefix : passThroughPrefixes) {
                String envPrefix = envName(prefix);
                if (name.startsWith(envPrefix)) {
                    values.put(prefix + name.substring(envPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
                }
            }
        });
        return values;
    }

    /** The environment variable that overrides a key. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read config file " + file, e);
        }
        Map<String, String> values = new HashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }
}
