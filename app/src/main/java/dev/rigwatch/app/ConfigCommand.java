package dev.rigwatch.app;

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
                Settings.Source source = settings.lookup(option);
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
        return option.longestName().contains("secret") ? "(set, hidden)" : value;
    }

    private static void collect(CommandSpec command, List<CommandSpec> into) {
        into.add(command);
        command.subcommands().values().stream().map(CommandLine::getCommandSpec).distinct()
                .filter(sub -> !sub.name().equals("help"))
                .forEach(sub -> collect(sub, into));
    }
}
