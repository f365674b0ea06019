package dev.rigwatch.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Where every option's value comes from when it is not given as a flag, in this order:
 * <ol>
 *   <li>an env var: {@code RIGWATCH_<COMMAND>_<OPTION>} (e.g. {@code RIGWATCH_BROKER_PORT}), then
 *       {@code RIGWATCH_<OPTION>} (e.g. {@code RIGWATCH_STATE_DIR}, shared by the stages that take it); a few
 *       options also read a standard name ({@code KAFKA_BOOTSTRAP_SERVERS});</li>
 *   <li>the config file, a Java properties file: {@code $RIGWATCH_CONFIG}, else {@code ~/.rigwatch/rigwatch.properties}
 *       when it exists; keys {@code <command>.<option>} (e.g. {@code broker.port}) then {@code <option>};</li>
 *   <li>the default in code (the option's {@code defaultValue}).</li>
 * </ol>
 * One convention for every option, so {@code rigwatch config} can list each setting with its env var and key.
 */
final class Settings implements IDefaultValueProvider {

    static final String CONFIG_ENV = "RIGWATCH_CONFIG";
    /** Standard env var names that some options honour, after rigwatch's own. */
    private static final Map<String, String> STANDARD_ENV = Map.of("bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS",
            "ebay-client-id", "EBAY_CLIENT_ID", "ebay-client-secret", "EBAY_CLIENT_SECRET");

    /** Where a value came from, for {@code rigwatch config}. */
    record Source(String value, String origin) {
    }

    private final Map<String, String> env;
    private final Properties file;
    private final Path filePath;

    Settings(Map<String, String> env, Path filePath) {
        this.env = env;
        this.filePath = filePath;
        this.file = load(filePath);
    }

    /** The process's env vars and config file. */
    static Settings fromEnvironment() {
        String configured = System.getenv(CONFIG_ENV);
        Path path = configured != null && !configured.isBlank() ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".rigwatch", "rigwatch.properties");
        if (configured == null && !Files.exists(path)) {
            path = null;
        }
        return new Settings(System.getenv(), path);
    }

    Path filePath() {
        return filePath;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        Source source = lookup(arg);
        return source == null ? null : source.value();
    }

    /** The env var or file entry that sets this option, or null when the code default applies. */
    Source lookup(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        for (String name : envNames(option)) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return new Source(value, "env " + name);
            }
        }
        for (String key : fileKeys(option)) {
            String value = file.getProperty(key);
            if (value != null) {
                return new Source(value.trim(), filePath + ": " + key);
            }
        }
        return null;
    }

    static List<String> envNames(OptionSpec option) {
        String name = bareName(option);
        String optionPart = name.toUpperCase(Locale.ROOT).replace('-', '_');
        List<String> names = new ArrayList<>();
        String command = commandPath(option.command());
        if (!command.isEmpty()) {
            names.add("RIGWATCH_" + command.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_') + "_" + optionPart);
        }
        names.add("RIGWATCH_" + optionPart);
        if (STANDARD_ENV.containsKey(name)) {
            names.add(STANDARD_ENV.get(name));
        }
        return names;
    }

    static List<String> fileKeys(OptionSpec option) {
        String name = bareName(option);
        String command = commandPath(option.command());
        return command.isEmpty() ? List.of(name) : List.of(command + "." + name, name);
    }

    private static String bareName(OptionSpec option) {
        return option.longestName().replaceFirst("^-+", "");
    }

    /** {@code alerts.tail} for {@code rigwatch alerts tail}; empty for the root command. */
    private static String commandPath(CommandSpec command) {
        String qualified = command.qualifiedName(".");
        int firstDot = qualified.indexOf('.');
        return firstDot < 0 ? "" : qualified.substring(firstDot + 1);
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
