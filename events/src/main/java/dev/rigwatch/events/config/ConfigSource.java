package dev.rigwatch.events.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The env vars and the config file a process takes its settings from, env first. The command line's options and the
 * Kafka client security both read through it, so they agree on the file and on which source wins.
 */
public final class ConfigSource {

    /** Names the config file; without it, {@code ~/.rigwatch/rigwatch.properties} is read when it exists. */
    public static final String CONFIG_ENV = "RIGWATCH_CONFIG";

    /** A setting's value and where it came from ({@code env NAME} or {@code FILE: key}), for messages and listings. */
    public record Value(String value, String origin) {
    }

    private final Map<String, String> env;
    private final Properties file;
    private final Path filePath;

    /**
     * @param filePath the config file, or null for none
     * @throws UncheckedIOException when the file cannot be read
     */
    public ConfigSource(Map<String, String> env, Path filePath) {
        this.env = Map.copyOf(env);
        this.filePath = filePath;
        this.file = load(filePath);
    }

    /** This process's env vars and config file. */
    public static ConfigSource ofProcess() {
        Map<String, String> env = System.getenv();
        return new ConfigSource(env, configFile(env));
    }

    /** {@code $RIGWATCH_CONFIG}, else {@code ~/.rigwatch/rigwatch.properties} when it exists, else null. */
    static Path configFile(Map<String, String> env) {
        String configured = env.get(CONFIG_ENV);
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path home = Path.of(System.getProperty("user.home"), ".rigwatch", "rigwatch.properties");
        return Files.exists(home) ? home : null;
    }

    /** The config file read, or null for none. */
    public Path filePath() {
        return filePath;
    }

    /**
     * The first env var of {@code envNames} that is set and not blank, as it is set, else the value of the first file
     * key present, trimmed, else null.
     */
    public Value lookup(List<String> envNames, List<String> fileKeys) {
        return lookup(envNames, fileKeys, false);
    }

    /**
     * Like {@link #lookup(List, List)}; with {@code emptyIsAValue}, an env var set to the empty string counts as set,
     * for the settings where empty means something (such as "no host name check").
     */
    public Value lookup(List<String> envNames, List<String> fileKeys, boolean emptyIsAValue) {
        for (String name : envNames) {
            String value = env.get(name);
            if (value != null && (!value.isBlank() || emptyIsAValue && value.isEmpty())) {
                // as set: a password may well end in a space
                return new Value(value, "env " + name);
            }
        }
        for (String key : fileKeys) {
            String value = file.getProperty(key);
            if (value != null) {
                return new Value(value.trim(), filePath + ": " + key);
            }
        }
        return null;
    }

    private static Properties load(Path path) {
        Properties properties = new Properties();
        if (path == null) {
            return properties;
        }
        try (InputStream in = Files.newInputStream(path)) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the config file " + path + " (set by " + CONFIG_ENV
                    + " or at ~/.rigwatch/rigwatch.properties): " + e.getMessage(), e);
        }
    }
}
