package dev.rigwatch.app;

import dev.rigwatch.alerts.RulesFile;
import dev.rigwatch.events.alert.Subscription;
import dev.rigwatch.ops.backtest.Backtest;
import dev.rigwatch.ops.backtest.BacktestReport;
import dev.rigwatch.ops.backtest.BacktestRun;
import dev.rigwatch.ops.backtest.sweep.ReboundSweep;
import dev.rigwatch.ops.backtest.sweep.SweepGrid;
import dev.rigwatch.ops.backtest.sweep.SweepResult;
import dev.rigwatch.ops.backtest.sweep.SweepTable;
import dev.rigwatch.streams.StreamsSettings;
import dev.rigwatch.streams.candles.Candles;
import dev.rigwatch.streams.signal.rebound.GpuSoldRebound;
import dev.rigwatch.streams.signal.rebound.Rebound;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import dev.rigwatch.streams.signal.rebound.ReboundSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rigwatch backtest}: the production signals over a range of history, in a sandbox, with a report. */
@Command(name = "backtest", mixinStandardHelpOptions = true,
        header = "Run the streams and alerts topologies over a replayed range and report every signal.",
        // one string per paragraph: picocli breaks a line at each element, then wraps it again at its width
        description = {"Replay a range of the raw topics into a sandbox, run the production streams and alerts topologies "
                + "over it (fresh application ids, windows closed by stream time), and report every signal and alert "
                + "and what followed it: on the terminal, as CSV (one row per signal) and as a self-contained HTML page "
                + "with price charts. The sandbox is deleted afterwards unless --keep.",
                "Rebound parameters: flags, or --params FILE. --sweep evaluates the rebound rule of --interval at a grid "
                + "of parameters on the same run's candles."})
final class BacktestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--from", required = true, paramLabel = "TIME", converter = InstantConverter.class,
            description = "Start of the range (inclusive): ISO-8601 instant or date.")
    Instant from;

    @Option(names = "--to", required = true, paramLabel = "TIME", converter = InstantConverter.class,
            description = "End of the range (exclusive).")
    Instant to;

    @Option(names = "--interval", paramLabel = "1m|1h|1d", defaultValue = "1d", converter = DurationConverter.class,
            description = "The crypto candle series the rebound parameters below apply to (the other series keep their defaults).")
    Duration interval;

    @Option(names = "--drawdown-pct", paramLabel = "D",
            description = "Rebound: fall from the trailing peak that arms the rule (default: the interval's default, 40 for 1d).")
    Double drawdownPct;

    @Option(names = "--recovery-pct", paramLabel = "R", description = "Rebound: rise from the trough that fires it.")
    Double recoveryPct;

    @Option(names = "--confirm-windows", paramLabel = "N", description = "Rebound: consecutive closes that must hold the recovery.")
    Integer confirmWindows;

    @Option(names = "--lookback-windows", paramLabel = "L", description = "Rebound: how many windows back the peak is looked for.")
    Integer lookbackWindows;

    @Option(names = "--gpu-sold-min-quantity", paramLabel = "N",
            description = "GPU rebound on imported monthly sold prices: months with fewer cards sold are no close (default 30).")
    Long gpuSoldMinQuantity;

    @Option(names = "--sweep", arity = "1..*", paramLabel = "NAME=V1,V2",
            description = {"After the run, evaluate the crypto rebound rule of --interval at every combination of these "
                    + "values, on the closed candles the run produced, e.g. --sweep drawdown-pct=30,40,50 recovery-pct=10,25.",
                    "Names: drawdown-pct, recovery-pct, confirm-windows, lookback-windows; the others keep the run's value."})
    List<String> sweep;

    @Option(names = "--params", paramLabel = "FILE",
            description = "A properties file of these options without their dashes (drawdown-pct = 35); flags given win.")
    Path params;

    @Option(names = "--rules", paramLabel = "FILE",
            description = "Alert rules (YAML or JSON) to evaluate; default: the bundled default rules.")
    Path rules;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "backtest-reports",
            description = "Where the CSV and HTML reports are written.")
    Path out;

    @Option(names = "--keep", description = "Keep the sandbox topics and applications afterwards, for inspection.")
    boolean keep;

    @Mixin
    StateDirOption state;

    @Mixin
    QuietConsoleOptions console;

    @Override
    public Integer call() throws IOException {
        console.apply("backtest", Instant.now());
        if (!from.isBefore(to)) {
            throw new ParameterException(spec.commandLine(), "--from " + from + " is not before --to " + to);
        }
        if (!ReboundSettings.CRYPTO_INTERVALS.contains(interval)) {
            throw new ParameterException(spec.commandLine(), "--interval must be one of 1m, 1h, 1d");
        }
        applyParamsFile();
        ReboundConfig tested = testedConfig();
        SweepGrid grid = sweepGrid(tested);
        StreamsSettings streams = streamsSettings(tested);
        List<Subscription> subscriptions = rules == null ? RulesFile.bundledDefaults() : RulesFile.load(rules);
        BacktestRun run;
        try (Shutdown shutdown = Shutdown.onSignal()) {
            run = new Backtest(kafka.bootstrapServers, Clock.systemUTC()).run(new Backtest.Request(from, to, streams,
                    subscriptions, keep, state.forStage("backtest"), grid != null && interval.equals(Candles.INTERVAL)),
                    System.err, shutdown::requested);
        }
        BacktestReport report = run.report();
        report.printSummary(System.out);
        SweepResult swept = grid == null ? null : new ReboundSweep().run(grid, interval, tested,
                run.candles().of(interval), report.findings(), System.err);
        Files.createDirectories(out);
        Path csv = out.resolve(fileName("backtest") + ".csv");
        Path html = out.resolve(fileName("backtest") + ".html");
        report.writeCsv(csv);
        if (swept == null) {
            report.writeHtml(html);
            System.out.println("wrote " + csv + " and " + html);
            return 0;
        }
        SweepTable.print(swept, from, to, System.out);
        Path sweepCsv = out.resolve(fileName("sweep") + ".csv");
        SweepTable.writeCsv(swept, sweepCsv);
        report.writeHtml(html, List.of(SweepTable.section(swept, from, to)));
        System.out.println("wrote " + csv + ", " + html + " and " + sweepCsv);
        if (!swept.matchesTopology()) {
            System.err.println("the sweep's rule did not give the topology's signals with the run's own parameters: "
                    + "its figures are not the production rule's (see the check above)");
            return 1;
        }
        return 0;
    }

    /** {@code backtest-2017-11-09T00-00-00Z-2024-12-09T00-00-00Z}: the range in a file name. */
    private String fileName(String kind) {
        return kind + "-" + from.toString().replace(':', '-') + "-" + to.toString().replace(':', '-');
    }

    /** The rebound parameters tested on --interval: the flags, else the series' production default. */
    ReboundConfig testedConfig() {
        ReboundConfig base = ReboundSettings.defaults().crypto().get(interval);
        if (base == null && (drawdownPct == null || recoveryPct == null || confirmWindows == null
                || lookbackWindows == null)) {
            throw new ParameterException(spec.commandLine(), "--interval " + Rebound.label(interval) + " has no "
                    + "production rebound default: give --drawdown-pct, --recovery-pct, --confirm-windows and "
                    + "--lookback-windows (or --params)");
        }
        try {
            return new ReboundConfig(drawdownPct != null ? drawdownPct : base.drawdownPct(),
                    recoveryPct != null ? recoveryPct : base.recoveryPct(),
                    confirmWindows != null ? confirmWindows : base.confirmWindows(),
                    lookbackWindows != null ? lookbackWindows : base.lookbackWindows());
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private SweepGrid sweepGrid(ReboundConfig tested) {
        if (sweep == null) {
            return null;
        }
        try {
            return SweepGrid.parse(sweep, tested);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    StreamsSettings streamsSettings(ReboundConfig tested) {
        ReboundSettings defaults = ReboundSettings.defaults();
        GpuSoldRebound sold = GpuSoldRebound.defaults();
        if (gpuSoldMinQuantity != null) {
            sold = new GpuSoldRebound(sold.enabled(), sold.config(), gpuSoldMinQuantity);
        }
        return StreamsSettings.defaults().withRebound(defaults.withCrypto(interval, tested).withGpuSold(sold));
    }

    /** Sets each option the file names and the command line did not. */
    private void applyParamsFile() {
        if (params == null) {
            return;
        }
        Properties file = new Properties();
        try (InputStream in = Files.newInputStream(params)) {
            file.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --params " + params + ": " + e.getMessage(), e);
        }
        for (String key : file.stringPropertyNames()) {
            OptionSpec option = spec.findOption("--" + key.trim());
            if (option == null || option.longestName().equals("--params")) {
                throw new ParameterException(spec.commandLine(), params + ": '" + key + "' is not a backtest option");
            }
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                continue;
            }
            String value = file.getProperty(key).trim();
            try {
                option.setValue(convert(option.type(), value));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), params + ": " + key + " = '" + value + "': " + e.getMessage());
            }
        }
    }

    private static Object convert(Class<?> type, String value) {
        if (type == Double.class) {
            return Double.valueOf(value);
        }
        if (type == Integer.class) {
            return Integer.valueOf(value);
        }
        if (type == Long.class) {
            return Long.valueOf(value);
        }
        if (type == Duration.class) {
            return new DurationConverter().convert(value);
        }
        if (type == Instant.class) {
            return new InstantConverter().convert(value);
        }
        if (type == Path.class) {
            return Path.of(value);
        }
        if (type == boolean.class || type == Boolean.class) {
            return Boolean.valueOf(value);
        }
        throw new IllegalArgumentException("cannot be set from a file");
    }
}
