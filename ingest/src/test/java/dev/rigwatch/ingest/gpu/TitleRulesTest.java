package dev.rigwatch.ingest.gpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TitleRulesTest {

    /** The three regex replacements {@link TitleRules#normalise} does in one pass, as the rules file states them. */
    private static String normalisedByRegex(String text) {
        String s = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ");
        s = s.replaceAll("(?<=\\d)(?=[a-z])", " ");
        s = s.replaceAll("(?<=[a-z]{2})(?=\\d)", " ");
        return s.strip();
    }

    @Test
    void onePassNormalisationEqualsTheRegexDefinitionOnRealTitlesAndRandomText() throws IOException {
        List<String> inputs = new ArrayList<>(realTitles());
        Random random = new Random(14);
        String alphabet = "aZx09 5-/_™®.é İ\t[]()";
        for (int i = 0; i < 5_000; i++) {
            StringBuilder s = new StringBuilder();
            for (int n = random.nextInt(12); n > 0; n--) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            inputs.add(s.toString());
        }
        for (String input : inputs) {
            assertThat(TitleRules.normalise(input)).as(input).isEqualTo(normalisedByRegex(input));
        }
    }

    @Test
    void screenDropsEveryNegativeLookbehindAndKeepsTheRest() {
        assertThat(screen("\\b(?<!\\b(?:not|no) )(broken|dead)\\b|\\bparts$")).isEqualTo("\\b(broken|dead)\\b|\\bparts$");
        assertThat(screen("(?<!x[)(?<!]y)\\(a\\)(?<!\\)(b))c")).isEqualTo("\\(a\\)c");
        assertThat(screen("[(?<!]lot(?<=\\d)")).as("a class and a positive lookbehind are kept").isEqualTo("[(?<!]lot(?<=\\d)");
    }

    @Test
    void aPatternWithoutNegativeLookbehindsIsItsOwnScreen() {
        Pattern plain = Pattern.compile("\\b(lot|lots)\\b");
        assertThat(TitleRules.withoutNegativeLookbehinds(plain)).isSameAs(plain);
    }

    @Test
    void aScreenedRuleStillHonoursItsLookbehind() {
        TitleRules rules = TitleRules.parse(List.of("for-parts \\b(?<!\\b(?:not|never) )(broken|dead)\\b"), "rules.txt");

        assertThat(rules.rejectReason("rtx 3080 broken fan")).isEqualTo(Optional.of("for-parts"));
        assertThat(rules.rejectReason("rtx 3080 not broken")).isEmpty();
        assertThat(rules.rejectReason("rtx 3080 never dead but broken")).isEqualTo(Optional.of("for-parts"));
    }

    private static String screen(String regex) {
        return TitleRules.withoutNegativeLookbehinds(Pattern.compile(regex)).pattern();
    }

    private static List<String> realTitles() throws IOException {
        try (InputStream in = TitleRulesTest.class.getResourceAsStream("titles.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().skip(1).toList();
        }
    }
}
