package dev.rigwatch.app;

import dev.rigwatch.events.config.ConfigSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * One convention for every option, so {@code rigwatch config} can list each setting with its env var and key. The
 * Kafka client security is read from the same env vars and file ({@link #source()}), though it has no flags.
 */
final class Settings implements IDefaultValueProvider {

    static final String CONFIG_ENV = ConfigSource.CONFIG_ENV;
    /** Standard env var names that some options honour, after rigwatch's own. */
    private static final Map<String, String> STANDARD_ENV = Map.of("bootstrap-servers", "KAFKA_BOOTSTRAP_SERVERS",
            "ebay-client-id", "EBAY_CLIENT_ID", "ebay-client-secret", "EBAY_CLIENT_SECRET");

    private final ConfigSource source;

    /** @throws java.io.UncheckedIOException when the config file cannot be read */
    Settings(Map<String, String> env, Path filePath) {
        this(new ConfigSource(env, filePath));
    }

    private Settings(ConfigSource source) {
        this.source = source;
    }

    /** The process's env vars and config file. */
    static Settings fromEnvironment() {
        return new Settings(ConfigSource.ofProcess());
    }

    /** The env vars and config file every value is looked up in. */
    ConfigSource source() {
        return source;
    }

    Path filePath() {
        return source.filePath();
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        ConfigSource.Value value = lookup(arg);
        return value == null ? null : value.value();
    }

    /** The env var or file entry that sets this option, or null when the code default applies. */
    ConfigSource.Value lookup(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()) {
            return null;
        }
        return source.lookup(envNames(option), fileKeys(option));
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
}
