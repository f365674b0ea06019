package dev.rigwatch.ingest.listing.reddit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.events.Json;
import dev.rigwatch.ingest.fuzz.Fuzzing;
import dev.rigwatch.testing.FixtureMutations;
import dev.rigwatch.testing.TestData;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The text rules of r/hardwareswap posts, on damaged copies of the fixtures' real titles and bodies, of the whole
 * fixture page, and on random text: {@link SwapTitle} and {@link PriceFinder} never throw, and what they find is
 * where and what they say; every price found is positive and below the plausible maximum.
 */
class RedditTextProperties {

    /** Titles and self-texts of the fixture's posts. */
    private static final List<String> TEXTS = texts();
    private static final byte[] PAGE = FixtureMutations.fixture("reddit-hardwareswap-new.json");

    @Property(tries = 300, seed = FixtureMutations.CI_SEED)
    void swapTitlesSplitIntoParts(@ForAll("postTexts") String title) {
        Optional<SwapTitle> parsed = SwapTitle.parse(title);
        String lower = title.toLowerCase(java.util.Locale.ROOT);
        assertThat(parsed.isPresent()).as("has [H] and [W]").isEqualTo(lower.contains("[h]") && lower.contains("[w]"));
        parsed.ifPresent(parts -> {
            assertThat(parts.have()).isNotNull();
            assertThat(parts.want()).isNotNull();
            assertThat(title).contains(parts.have()).contains(parts.want());
        });
        Statistics.label("title").collect(parsed.isPresent() ? "swap title" : "not a swap title");
    }

    @Property(tries = 300, seed = FixtureMutations.CI_SEED)
    void pricesArePositiveAndWhereTheySayTheyAre(@ForAll("postTexts") String text) {
        List<PriceFinder.Price> prices = PriceFinder.find(text);
        int previousEnd = 0;
        for (PriceFinder.Price price : prices) {
            Fuzzing.assertPlausiblePrice("amount", price.amount());
            assertThat(price.start()).isGreaterThanOrEqualTo(previousEnd).isLessThan(price.end());
            assertThat(price.end()).isLessThanOrEqualTo(text.length());
            assertThat(price.currency()).isIn(null, "USD", "CAD");
            previousEnd = price.end();
        }
        Statistics.label("prices").collect(Math.min(prices.size(), 3));
    }

    @Provide
    Arbitrary<String> postTexts() {
        return Arbitraries.oneOf(
                Arbitraries.of(TEXTS).flatMap(FixtureMutations::ofText),
                FixtureMutations.text(PAGE),
                Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("[]HWhw$0123456789.,k +-USDCAshipedOBO/").ofMaxLength(120));
    }

    private static List<String> texts() {
        try {
            List<String> texts = new java.util.ArrayList<>();
            for (String page : List.of("reddit-hardwareswap-new.json", "reddit-hardwareswap-new-page2.json")) {
                Json.mapper().readTree(TestData.fixture(page)).path("data").path("children").forEach(post -> {
                    texts.add(post.path("data").path("title").asText());
                    texts.add(post.path("data").path("selftext").asText());
                });
            }
            return List.copyOf(texts);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the reddit fixtures are JSON", e);
        }
    }
}
