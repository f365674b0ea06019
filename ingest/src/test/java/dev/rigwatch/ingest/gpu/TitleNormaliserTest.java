package dev.rigwatch.ingest.gpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class TitleNormaliserTest {

    private static final TitleNormaliser NORMALISER = TitleNormaliser.standard();
    private static final String NONE = "-";

    @ParameterizedTest(name = "{0} -> {1} / {2}")
    @CsvFileSource(resources = "titles.csv", numLinesToSkip = 1)
    void classifiesRealisticListingTitles(String title, String expectedModel, String expectedReason) {
        Classification c = NORMALISER.classify(title);

        // Model and reason compared together, so a failure shows both sides of the mistake.
        assertThat(orNone(c.model()) + " / " + orNone(c.rejectReason())).as(title)
                .isEqualTo(expectedModel + " / " + expectedReason);
    }

    private static String orNone(String value) {
        return value == null ? NONE : value;
    }

    @ParameterizedTest(name = "{0} -> {1} at {2}")
    @CsvSource(delimiter = '|', textBlock = """
            EVGA RTX 3080 FTW3 Ultra 10GB         | RTX 3080         | 1.0
            ASUS TUF RTX 3080 12G OC              | RTX 3080 12GB    | 1.0
            RTX 3080 Ti 12GB                      | RTX 3080 Ti      | 1.0
            RTX 3080 Ti FE                        | RTX 3080 Ti      | 0.9
            RTX 3090 FE                           | RTX 3090         | 0.9
            RTX 3080 FE                           | RTX 3080         | 0.7
            RTX 4060 Ti                           | RTX 4060 Ti      | 0.7
            RTX 4060 Ti 16GB                      | RTX 4060 Ti 16GB | 1.0
            RTX 3080 Ti 10GB                      | RTX 3080 Ti      | 0.6
            RTX 3080 16GB                         | RTX 3080         | 0.6
            NVIDIA A100 PCIe                      | A100 40GB        | 0.5
            Intel Arc A770 Limited Edition        | Arc A770 16GB    | 0.5
            """)
    void confidenceFallsWhenTheVramVariantIsAssumed(String title, String model, double confidence) {
        assertThat(NORMALISER.classify(title)).isEqualTo(Classification.accepted(model, confidence));
    }

    @Test
    void rejectedListingsHaveNoModelAndZeroConfidence() {
        assertThat(NORMALISER.classify("RTX 3090 FE for parts")).isEqualTo(new Classification(null, 0.0, "for-parts"));
    }

    @Test
    void emptyTitleIsAnUnknownModel() {
        assertThat(NORMALISER.classify("  ")).isEqualTo(Classification.rejected(TitleNormaliser.UNKNOWN_MODEL));
    }

    @Test
    void normalisationSplitsNumbersFromLettersButKeepsSingleLetterPrefixes() {
        assertThat(TitleRules.normalise("GeForce RTX™ 3080Ti 12GB")).isEqualTo("geforce rtx 3080 ti 12 gb");
        assertThat(TitleRules.normalise("RX6800XT")).isEqualTo("rx 6800 xt");
        assertThat(TitleRules.normalise("RTX A4000 / A100-80GB")).isEqualTo("rtx a4000 a100 80 gb");
    }

    @Test
    void rulesWithoutAReasonAndARegexAreRejectedWithTheirLineNumber() {
        assertThatThrownBy(() -> TitleRules.parse(List.of("# rules", "lot \\blot\\b", "laptop"), "rules.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("rules.txt line 3: expected \"<reason> <regex>\", got \"laptop\"");
        assertThatThrownBy(() -> TitleRules.parse(List.of("lot (unclosed"), "rules.txt"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rules.txt line 1: bad regex: ");
    }
}
