package dev.rigwatch.ingest.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.testing.FixtureMutations;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The title normaliser on damaged copies of the real titles its tests pin ({@code titles.csv}) and on random text:
 * it never throws, and it always answers one catalogue model or one reject reason, the same each time it is asked.
 */
class TitleNormaliserProperties {

    private static final TitleNormaliser NORMALISER = TitleNormaliser.standard();
    private static final List<String> TITLES = pinnedTitles();

    @Property(tries = 1000, seed = FixtureMutations.CI_SEED)
    void everyTitleIsOneCatalogueModelOrOneRejectReason(@ForAll("titles") String title) {
        Classification classification = NORMALISER.classify(title);
        if (classification.model() != null) {
            assertThat(NORMALISER.catalogue().find(classification.model())).as(classification.model()).isPresent();
            assertThat(classification.confidence()).isPositive();
            Statistics.label("class").collect("model");
        } else {
            assertThat(classification.rejectReason()).isNotBlank();
            Statistics.label("class").collect(classification.rejectReason());
        }
        assertThat(NORMALISER.classify(title)).as("asked again").isEqualTo(classification);
    }

    @Provide
    Arbitrary<String> titles() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(TITLES).flatMap(FixtureMutations::ofText)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().ofMaxLength(200)),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().withChars("rtxgRTXG 0123456789[]HW-/gbGB").ofMaxLength(80)));
    }

    /** The first column of {@code titles.csv}, unquoted. */
    private static List<String> pinnedTitles() {
        try (InputStream in = TitleNormaliserProperties.class.getResourceAsStream("titles.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1)
                    .filter(line -> line.startsWith("\""))
                    .map(line -> line.substring(1, line.indexOf('"', 1)))
                    .toList();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read titles.csv", e);
        }
    }
}
