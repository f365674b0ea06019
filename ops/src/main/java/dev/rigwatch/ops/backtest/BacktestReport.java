package dev.rigwatch.ops.backtest;

import com.fasterxml.jackson.databind.SequenceWriter;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.rigwatch.events.outcome.ForwardOutcomes;
import dev.rigwatch.events.outcome.PricePoint;
import dev.rigwatch.events.outcome.PricePrecision;
import dev.rigwatch.ops.backtest.outcome.OutcomeColumns;
import dev.rigwatch.ops.backtest.outcome.RuleSummary;
import dev.rigwatch.ops.backtest.outcome.SignalOutcome;
import dev.rigwatch.ops.backtest.outcome.SignalQuality;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a backtest found, in three forms: a summary for the terminal, a CSV with one row per signal or alert, and a
 * self-contained HTML page ({@link ReportPage}: inline SVG, no scripts, no external files) charting each subject's
 * price with a marker where each signal fired. Prices are rounded to each subject's {@link PricePrecision}. Each form says what followed the signals ({@link SignalQuality}): forward changes after
 * 1, 7, 30 and 90 closes of the subject's charted series, against holding from every close and random entries.
 *
 * @param from       start of the replayed range (inclusive)
 * @param to         end of the replayed range (exclusive)
 * @param parameters the parameters the run used, as {@code name → value}, printed in every form
 * @param series     each subject's closes, in time order
 * @param findings   every signal and alert, in event-time order
 */
public record BacktestReport(Instant from, Instant to, Map<String, String> parameters,
                             Map<String, List<PricePoint>> series, List<BacktestFinding> findings) {

    static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final List<String> FIXED_COLUMNS = List.of("event_time", "type", "subject", "interval", "value");

    public BacktestReport {
        parameters = Collections.unmodifiableSortedMap(new TreeMap<>(parameters)); // printed in name order
        series = new TreeMap<>(series);
        findings = findings.stream().sorted(Comparator.comparing(BacktestFinding::eventTime)
                .thenComparing(BacktestFinding::subject).thenComparing(BacktestFinding::type)).toList();
    }

    /** How many findings of each type per subject, e.g. {@code import:ETH-USD → {rebound=9, alert:signal:rebound=9}}. */
    public Map<String, Map<String, Long>> countsBySubject() {
        Map<String, Map<String, Long>> counts = new TreeMap<>();
        for (BacktestFinding finding : findings) {
            counts.computeIfAbsent(finding.subject(), s -> new TreeMap<>()).merge(finding.type(), 1L, Long::sum);
        }
        return counts;
    }

    /** Up to this many subjects of one type without a series are named; more are counted. */
    private static final int UNMEASURED_NAMED = 3;

    public void printSummary(PrintStream out) {
        out.printf("backtest %s → %s%n", DAY.format(from), DAY.format(to));
        parameters.forEach((name, value) -> out.printf("  %-34s %s%n", name, value));
        out.printf("%d price series, %d signals and alerts%n", series.size(), findings.size());
        Function<String, PricePrecision> precision = precisions();
        for (BacktestFinding finding : findings) {
            out.printf("  %s  %-22s %-24s %-4s %s%n", DAY.format(finding.eventTime()), finding.type(), finding.subject(),
                    finding.interval(), finding.value() == null ? "" : precision.apply(finding.subject()).label(finding.value()));
        }
        out.println("counts per subject:");
        countsBySubject().forEach((subject, byType) -> out.printf("  %-24s %s%n", subject, byType));
        out.println("signal quality (after n closes of each subject's series):");
        List<RuleSummary> rules = signalQuality();
        for (RuleSummary rule : rules.stream().filter(RuleSummary::measured).toList()) {
            out.printf("  %s %s %s: %d signals (%d unmeasured), %s%n", rule.subject(), rule.type(), rule.interval(),
                    rule.signals(), rule.unmeasured(), rule.verdict());
            rule.horizons().forEach(h -> out.printf("    %s%n", h.describe()));
        }
        String unmeasured = unmeasured(rules);
        if (!unmeasured.isEmpty()) {
            out.printf("  not measured (no series of theirs in this backtest): %s%n", unmeasured);
        }
    }

    /**
     * The rules no signal of which could be measured, by type in one line: {@code capitulation on model:GTX 1060 (5)},
     * or {@code capitulation: 301 signals on 46 subjects} where there are more than a few.
     */
    static String unmeasured(List<RuleSummary> rules) {
        Map<String, List<RuleSummary>> byType = rules.stream().filter(r -> !r.measured())
                .collect(Collectors.groupingBy(RuleSummary::type, TreeMap::new, Collectors.toList()));
        return byType.entrySet().stream().map(e -> {
            List<RuleSummary> ofType = e.getValue();
            if (ofType.size() <= UNMEASURED_NAMED) {
                return ofType.stream().map(r -> e.getKey() + " on " + r.subject() + " (" + r.unmeasured() + ")")
                        .collect(Collectors.joining(", "));
            }
            return e.getKey() + ": " + ofType.stream().mapToInt(RuleSummary::unmeasured).sum() + " signals on "
                    + ofType.size() + " subjects";
        }).collect(Collectors.joining(", "));
    }

    /** What followed each rule's signals on each subject, with the report's fixed bootstrap seed. */
    public List<RuleSummary> signalQuality() {
        // the rules' own findings: an alert repeats its signal for a subscriber and would count it twice
        return SignalQuality.standard(SignalQuality.REPORT_SEED)
                .summarise(findings.stream().filter(f -> !f.isAlert()).toList(), series);
    }

    /** One row per finding: the fixed columns, then every field any finding has (empty where a finding has none). */
    public void writeCsv(Path file) throws IOException {
        TreeSet<String> fieldNames = new TreeSet<>();
        findings.forEach(f -> fieldNames.addAll(f.fields().keySet()));
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true);
        FIXED_COLUMNS.forEach(schema::addColumn);
        fieldNames.forEach(schema::addColumn);
        List<Integer> horizons = ForwardOutcomes.STANDARD_HORIZONS;
        OutcomeColumns.names(horizons).stream().filter(name -> !fieldNames.contains(name)).forEach(schema::addColumn);
        Map<BacktestFinding, SignalOutcome> outcomes = outcomes();
        Function<String, PricePrecision> precisions = precisions();
        CsvMapper mapper = new CsvMapper();
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             SequenceWriter rows = mapper.writer(schema.build()).writeValues(writer)) {
            for (BacktestFinding finding : findings) {
                PricePrecision precision = precisions.apply(finding.subject());
                Map<String, String> row = new LinkedHashMap<>();
                row.put("event_time", finding.eventTime().toString());
                row.put("type", finding.type());
                row.put("subject", finding.subject());
                row.put("interval", finding.interval());
                row.put("value", finding.value() == null ? "" : precision.plain(finding.value()));
                fieldNames.forEach(name -> row.put(name, csvField(finding, name, precision)));
                row.putAll(OutcomeColumns.values(Optional.ofNullable(outcomes.get(finding)), horizons, precision::plain));
                rows.write(row);
            }
        }
    }

    private static String csvField(BacktestFinding finding, String name, PricePrecision precision) {
        String value = finding.fields().getOrDefault(name, "");
        return BacktestFinding.PRICE_FIELDS.contains(name) && !value.isEmpty()
                ? precision.plain(new BigDecimal(value)) : value;
    }

    /** The page {@link ReportPage} lays out: self-contained, no scripts. */
    public void writeHtml(Path file) throws IOException {
        writeHtml(file, List.of());
    }

    /** The page with {@code sections} after the signal quality, e.g. a parameter sweep. */
    public void writeHtml(Path file, List<ReportSection> sections) throws IOException {
        Files.writeString(file, ReportPage.html(this, sections), StandardCharsets.UTF_8);
    }

    /** How {@code subject}'s prices are rounded wherever the report shows one ({@link PricePrecision}). */
    public PricePrecision precision(String subject) {
        return PricePrecision.of(subject, series.getOrDefault(subject, List.of()));
    }

    /**
     * {@link #precision} of each subject asked, worked out once: a form of the report asks it for every finding, and
     * each answer reads the subject's whole series.
     */
    public Function<String, PricePrecision> precisions() {
        Map<String, PricePrecision> bySubject = new HashMap<>();
        return subject -> bySubject.computeIfAbsent(subject, this::precision);
    }

    /**
     * What followed each finding measured on its subject's series, for the CSV, the charts and the table; a finding
     * without a series, on another interval or before its first close has none.
     */
    public Map<BacktestFinding, SignalOutcome> outcomes() {
        return SignalQuality.standard(SignalQuality.REPORT_SEED).outcomes(findings, series);
    }

    /** The findings of one type, e.g. for tests and summaries. */
    public List<BacktestFinding> findings(String type) {
        List<BacktestFinding> ofType = new ArrayList<>();
        findings.stream().filter(f -> f.type().equals(type)).forEach(ofType::add);
        return ofType;
    }
}
