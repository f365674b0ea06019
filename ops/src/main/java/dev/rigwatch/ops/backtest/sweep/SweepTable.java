package dev.rigwatch.ops.backtest.sweep;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.rigwatch.events.outcome.ForwardOutcomes;
import dev.rigwatch.events.outcome.Percent;
import dev.rigwatch.ops.backtest.RangeWording;
import dev.rigwatch.ops.backtest.ReportSection;
import dev.rigwatch.ops.backtest.outcome.HorizonSummary;
import dev.rigwatch.ops.backtest.outcome.RandomEntriesBaseline;
import dev.rigwatch.ops.backtest.outcome.SignalQualityTable;
import dev.rigwatch.streams.signal.rebound.Rebound;
import dev.rigwatch.streams.signal.rebound.ReboundConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A sweep's figures in the three forms of a backtest report: aligned lines for the terminal, a section of the HTML
 * page (the same cells), and a CSV with one row per point and subject and every figure unrounded.
 */
public final class SweepTable {

    private static final List<Integer> HORIZONS = ForwardOutcomes.STANDARD_HORIZONS;

    private SweepTable() {
    }

    public static List<String> header() {
        List<String> header = new ArrayList<>(List.of("parameters", "subject", "signals"));
        for (int h : HORIZONS) {
            header.add("after " + h + ": hit rate");
            header.add("after " + h + ": median");
        }
        header.add("verdict");
        header.add("rank");
        return header;
    }

    /** One row of cells per point and subject, in the result's order. */
    public static List<List<String>> rows(SweepResult result) {
        List<List<String>> rows = new ArrayList<>();
        for (SweepPoint point : result.points()) {
            List<String> row = new ArrayList<>(List.of(point.config().describe(result.interval()), point.subject(),
                    Integer.toString(point.quality().signals())));
            for (int h : HORIZONS) {
                Optional<HorizonSummary> horizon = point.after(h);
                row.add(horizon.flatMap(s -> s.signals().hitRate()).map(SignalQualityTable::share).orElse("–"));
                row.add(horizon.map(s -> SignalQualityTable.pct(s.signals().medianPct())).filter(s -> !s.isEmpty())
                        .orElse("–"));
            }
            row.add(point.quality().verdict());
            row.add(result.rank(point));
            rows.add(row);
        }
        return rows;
    }

    public static String title(SweepResult result, Instant from, Instant to) {
        return String.format(Locale.ROOT, "parameter sweep of the crypto rebound rule on %s closes, %s: %d points",
                Rebound.label(result.interval()), RangeWording.of(from, to), result.grid().points().size());
    }

    private static String intro(SweepResult result) {
        return "Each point is the production rebound rule on the closed candles this run's topology produced. Hit rate "
                + "and median: the change from the signal's close to n closes later; verdict against as many random "
                + "entries (1,000 seeded resamples). Best and worst: the highest and lowest median after "
                + HorizonSummary.closes(SweepResult.RANKED_AFTER) + ". " + String.join("; ",
                result.checks().stream().map(TopologyCheck::describe).toList()) + ".";
    }

    public static void print(SweepResult result, Instant from, Instant to, PrintStream out) {
        out.println(title(result, from, to));
        if (result.points().isEmpty()) {
            out.println("  no closed " + Rebound.label(result.interval()) + " candles in the range: nothing to sweep");
            return;
        }
        out.println("  " + intro(result));
        List<List<String>> table = new ArrayList<>();
        table.add(header());
        table.addAll(rows(result));
        int[] widths = new int[header().size()];
        table.forEach(row -> {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        });
        for (List<String> row : table) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.size(); i++) {
                line.append(' ').append(row.get(i)).append(" ".repeat(widths[i] - row.get(i).length()));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    public static ReportSection section(SweepResult result, Instant from, Instant to) {
        return new ReportSection("Parameter sweep", title(result, from, to) + ". " + intro(result), header(),
                rows(result));
    }

    /** One row per point and subject: the parameters, the signals and every horizon's figures, unrounded. */
    public static void writeCsv(SweepResult result, Path file) throws IOException {
        List<Map<String, String>> rows = new ArrayList<>();
        for (SweepPoint point : result.points()) {
            ReboundConfig c = point.config();
            Map<String, String> row = new LinkedHashMap<>();
            row.put("subject", point.subject());
            row.put("interval", Rebound.label(result.interval()));
            row.put("drawdown_pct", ReboundConfig.number(c.drawdownPct()));
            row.put("recovery_pct", ReboundConfig.number(c.recoveryPct()));
            row.put("confirm_windows", Integer.toString(c.confirmWindows()));
            row.put("lookback_windows", Integer.toString(c.lookbackWindows()));
            row.put("parameters", c.describe(result.interval()));
            row.put("signals", Integer.toString(point.quality().signals()));
            for (int h : HORIZONS) {
                Optional<HorizonSummary> horizon = point.after(h);
                Optional<RandomEntriesBaseline> random = horizon.flatMap(HorizonSummary::random);
                row.put("after_" + h + "_signals", horizon.map(s -> Integer.toString(s.signals().count())).orElse(""));
                row.put("after_" + h + "_not_yet", horizon.map(s -> Integer.toString(s.notYet())).orElse(""));
                row.put("after_" + h + "_hits", horizon.map(s -> Integer.toString(s.signals().hits())).orElse(""));
                row.put("after_" + h + "_median_pct", plain(horizon.flatMap(s -> s.signals().medianPct())));
                row.put("after_" + h + "_mean_pct", plain(horizon.flatMap(s -> s.signals().meanPct())));
                row.put("after_" + h + "_random_hit_rate", random.map(r -> rate(r.meanHitRate())).orElse(""));
                row.put("after_" + h + "_random_hit_rate_p5", random.map(r -> rate(r.hitRateP5())).orElse(""));
                row.put("after_" + h + "_random_hit_rate_p95", random.map(r -> rate(r.hitRateP95())).orElse(""));
                row.put("after_" + h + "_vs_random", horizon.map(s -> s.comparison().text()).orElse(""));
            }
            row.put("verdict", point.quality().verdict());
            row.put("rank", result.rank(point));
            row.put("run_parameters", Boolean.toString(c.equals(result.run())));
            rows.add(row);
        }
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        if (!rows.isEmpty()) {
            rows.get(0).keySet().forEach(schema::addColumn);
        }
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             SequenceWriter out = new CsvMapper().writer(schema.build()).writeValues(writer)) {
            for (Map<String, String> row : rows) {
                out.write(row);
            }
        }
    }

    private static String plain(Optional<BigDecimal> pct) {
        return pct.map(p -> p.setScale(Percent.SCALE, Percent.ROUNDING).toPlainString()).orElse("");
    }

    private static String rate(double rate) {
        return String.format(Locale.ROOT, "%.4f", rate);
    }
}
