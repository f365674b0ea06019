package dev.rigwatch.app;

import dev.rigwatch.events.config.ConfigSource;
import dev.rigwatch.events.kafka.KafkaSecurity;
import dev.rigwatch.events.kafka.KafkaSecuritySetting;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Spec;

/** {@code rigwatch config}: every setting, how to set it, and the value in effect here. */
@Command(name = "config", mixinStandardHelpOptions = true,
        header = "List every setting: its flag, env vars, file key, default and the value in effect.",
        description = {"List every setting of every command: its flag, env vars, config-file key, code default,",
                "and the value in effect in this environment with where it came from."})
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = (Settings) spec.root().defaultValueProvider();
        System.out.println("config file: " + (settings.filePath() == null
                ? "none (set " + Settings.CONFIG_ENV + " or create ~/.rigwatch/rigwatch.properties)" : settings.filePath()));
        System.out.println("precedence: flag > env var > config file > default");
        System.out.println();
        printKafkaSecurity(settings.source());
        List<CommandSpec> commands = new ArrayList<>();
        collect(spec.root(), commands);
        for (CommandSpec command : commands) {
            List<OptionSpec> options = command.options().stream()
                    .filter(o -> !o.usageHelp() && !o.versionHelp()).toList();
            if (options.isEmpty()) {
                continue;
            }
            System.out.println(command.qualifiedName());
            for (OptionSpec option : options) {
                ConfigSource.Value source = settings.lookup(option);
                String value = source != null ? shown(option, source.value()) + "   (" + source.origin() + ")"
                        : option.defaultValue() == null ? "-" : option.defaultValue() + "   (default)";
                System.out.printf("  %-24s %s%n", option.longestName(), value);
                System.out.printf("  %-24s env %s | file key %s%n", "", String.join(" or ", Settings.envNames(option)),
                        String.join(" or ", Settings.fileKeys(option)));
            }
        }
        return 0;
    }

    /** Secrets are never printed, only whether they are set. */
    private static String shown(OptionSpec option, String value) {
        String name = option.longestName();
        return name.contains("secret") || name.contains("password") ? "(set, hidden)" : value;
    }

    /** The security every Kafka client of every command uses; it has no flags, so it is listed apart. */
    private static void printKafkaSecurity(ConfigSource source) {
        System.out.println("kafka client security (every command that connects to Kafka; env vars and config file only)");
        for (KafkaSecuritySetting setting : KafkaSecuritySetting.values()) {
            ConfigSource.Value value = setting.lookup(source);
            String shown = value == null
                    ? (setting.defaultValue() == null ? "-" : setting.defaultValue()) + "   (default)"
                    : (setting.secret() ? "(set, hidden)" : value.value().isEmpty() ? "(empty)" : value.value())
                            + "   (" + value.origin() + ")";
            System.out.printf("  %-24s %s%n", setting.fileKey(), shown);
            System.out.printf("  %-24s env %s | file key %s | %s%n", "", String.join(" or ", setting.envNames()),
                    setting.fileKey(), setting.description());
        }
        try {
            KafkaSecurity.from(source);
        } catch (IllegalArgumentException e) {
            // shown, not thrown: this listing is where one finds out what to fix
            System.out.println("  invalid: " + e.getMessage());
        }
        System.out.println();
    }

    private static void collect(CommandSpec command, List<CommandSpec> into) {
        into.add(command);
        command.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .filter(sub -> !sub.name().equals("help"))
                .forEach(sub -> collect(sub, into));
    }
}
