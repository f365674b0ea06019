package dev.rigwatch.ingest.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.gpu.GpuCatalogue;
import dev.rigwatch.events.gpu.GpuModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The title corpus as a whole, by catalogue family: how many of its cards the normaliser names exactly, and how many
 * of its non-cards (accessories, boxes, systems, lots, parts) it wrongly accepts. TitleNormaliserTest checks every
 * row; this one gives the figures the docs quote, printed and written to {@code target/title-corpus-report.txt}.
 */
class TitleCorpusReportTest {

    private static final String NONE = "-";
    /** A non-card whose title names no single catalogue model is counted under this family. */
    static final String NO_SINGLE_MODEL = "(no single model)";
    private static final Path REPORT = Path.of("target", "title-corpus-report.txt");

    private record Row(String title, String model, String reason) {
        boolean card() {
            return !model.equals(NONE);
        }
    }

    /** One family's counts. */
    private static final class Tally {
        int cards;
        int exact;
        int nonCards;
        int wronglyAccepted;
    }

    @Test
    void corpusReachesTheAccuracyTargetsAndReportsThemByFamily() throws IOException {
        TitleNormaliser normaliser = TitleNormaliser.standard();
        GpuCatalogue catalogue = normaliser.catalogue();
        // A non-card's family is that of the model its title names once no reject rule applies: "backplate for
        // RTX 3090" counts under GeForce RTX 30.
        TitleNormaliser modelsOnly = new TitleNormaliser(catalogue, ignoreRulesOnly());
        Map<String, Tally> byFamily = new TreeMap<>();
        Tally total = new Tally();
        List<String> wrong = new ArrayList<>();
        for (Row row : corpus()) {
            Classification c = normaliser.classify(row.title());
            if (row.card()) {
                Tally family = byFamily.computeIfAbsent(familyOf(catalogue, row.model()), f -> new Tally());
                boolean exact = row.model().equals(c.model());
                family.cards++;
                total.cards++;
                family.exact += exact ? 1 : 0;
                total.exact += exact ? 1 : 0;
                if (!exact) {
                    wrong.add(row.title() + " -> " + c);
                }
            } else {
                String named = modelsOnly.classify(row.title()).model();
                Tally family = byFamily.computeIfAbsent(named == null ? NO_SINGLE_MODEL : familyOf(catalogue, named),
                        f -> new Tally());
                boolean accepted = c.model() != null;
                family.nonCards++;
                total.nonCards++;
                family.wronglyAccepted += accepted ? 1 : 0;
                total.wronglyAccepted += accepted ? 1 : 0;
                if (accepted) {
                    wrong.add(row.title() + " -> accepted as " + c.model());
                }
            }
        }
        String report = report(byFamily, total, wrong);
        System.out.print(report);
        Files.createDirectories(REPORT.getParent());
        Files.writeString(REPORT, report, StandardCharsets.UTF_8);

        assertThat(total.cards + total.nonCards).isGreaterThanOrEqualTo(300);
        assertThat(total.exact).as(report).isGreaterThanOrEqualTo((int) Math.ceil(0.95 * total.cards));
        assertThat(total.wronglyAccepted).as(report).isZero();
    }

    private static String familyOf(GpuCatalogue catalogue, String model) {
        return catalogue.find(model).map(GpuModel::family)
                .orElseThrow(() -> new IllegalStateException("the corpus names " + model + ", which the catalogue lacks"));
    }

    private static String report(Map<String, Tally> byFamily, Tally total, List<String> wrong) {
        StringBuilder out = new StringBuilder();
        String format = "%-18s %6s %6s %9s %10s %17s%n";
        out.append(String.format(Locale.ROOT, format, "family", "cards", "exact", "accuracy", "non-cards", "wrongly accepted"));
        byFamily.forEach((family, t) -> out.append(line(format, family, t)));
        out.append(line(format, "all", total));
        wrong.forEach(w -> out.append("  wrong: ").append(w).append('\n'));
        return out.toString();
    }

    private static String line(String format, String family, Tally t) {
        String accuracy = t.cards == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * t.exact / t.cards);
        return String.format(Locale.ROOT, format, family, t.cards, t.exact, accuracy, t.nonCards, t.wronglyAccepted);
    }

    private static TitleRules ignoreRulesOnly() throws IOException {
        return TitleRules.parse(resourceLines(TitleRules.class, TitleRules.RESOURCE).stream()
                .filter(line -> line.startsWith("ignore ")).toList(), TitleRules.RESOURCE);
    }

    /** The corpus rows: {@code "title",model,reason}; titles are quoted and may hold commas, the other fields not. */
    private static List<Row> corpus() throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> lines = resourceLines(TitleCorpusReportTest.class, "titles.csv");
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int reasonAt = line.lastIndexOf(',');
            int modelAt = line.lastIndexOf(',', reasonAt - 1);
            String title = line.substring(0, modelAt);
            rows.add(new Row(title.substring(1, title.length() - 1), line.substring(modelAt + 1, reasonAt),
                    line.substring(reasonAt + 1)));
        }
        return rows;
    }

    private static List<String> resourceLines(Class<?> owner, String name) throws IOException {
        try (InputStream in = owner.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
