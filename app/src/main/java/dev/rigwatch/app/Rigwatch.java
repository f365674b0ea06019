package dev.rigwatch.app;

import dev.rigwatch.events.kafka.KafkaSecurity;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParseResult;

/** The {@code rigwatch} command line: one jar, every stage. */
@Command(name = "rigwatch", mixinStandardHelpOptions = true, version = "rigwatch 0.1.0",
        description = {"Watches the used-GPU and crypto markets as one Kafka event stream.",
                "Each stage runs alone against KAFKA_BOOTSTRAP_SERVERS; `demo` runs them all on an embedded broker."},
        subcommands = {DemoCommand.class, BrokerCommand.class, SimulateCommand.class, IngestCommand.class,
                BackfillCommand.class, ImportCommand.class, ReplayCommand.class, BacktestCommand.class, ResetCommand.class,
                StreamsCommand.class, AlertsCommand.class, ApiCommand.class, TopicsCommand.class, TailCommand.class,
                GpuCommand.class, ConfigCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Rigwatch {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return commandLine(Settings.fromEnvironment());
    }

    static CommandLine commandLine(Settings settings) {
        CommandLine cli = new CommandLine(new Rigwatch());
        cli.setDefaultValueProvider(settings);
        footer(cli);
        cli.setExecutionStrategy(parseResult -> {
            checkKafkaSecurity(settings, parseResult);
            return new CommandLine.RunLast().execute(parseResult);
        });
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            // One clear line for the user; the stack trace only when asked for.
            commandLine.getErr().println("rigwatch " + commandLine.getCommandName() + ": " + describe(e));
            if (System.getenv("RIGWATCH_DEBUG") != null) {
                e.printStackTrace(commandLine.getErr());
            } else {
                commandLine.getErr().println("(set RIGWATCH_DEBUG=1 for the stack trace)");
            }
            return 1;
        });
        return cli;
    }

    /**
     * A command that connects to a cluster by {@code --bootstrap-servers} refuses invalid Kafka client security
     * before it starts anything, rather than at its first client, which may be on a thread of its own.
     */
    private static void checkKafkaSecurity(Settings settings, ParseResult parseResult) {
        ParseResult command = parseResult;
        while (true) {
            if (command.isUsageHelpRequested() || command.isVersionHelpRequested()) {
                return;
            }
            if (!command.hasSubcommand()) {
                break;
            }
            command = command.subcommand();
        }
        if (command.commandSpec().findOption("--bootstrap-servers") == null) {
            return;
        }
        try {
            KafkaSecurity.from(settings.source());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ExecutionException(command.commandSpec().commandLine(), e.getMessage(), e);
        }
    }

    /** Every command shows its defaults and how else to set its options. */
    private static void footer(CommandLine cli) {
        cli.getCommandSpec().usageMessage().showDefaultValues(true).footer("",
                "Options can also be set by env var RIGWATCH_<COMMAND>_<OPTION> or RIGWATCH_<OPTION>, or in the config file"
                        + " ($" + Settings.CONFIG_ENV + " or ~/.rigwatch/rigwatch.properties); `rigwatch config` lists them all.");
        cli.getSubcommands().values().forEach(Rigwatch::footer);
    }

    private static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(": ").append(cause.getMessage());
            }
        }
        return text.toString();
    }
}
