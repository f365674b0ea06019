package dev.rigwatch.ingest.listing.reddit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigwatch.testing.FixtureMutations;
import dev.rigwatch.ingest.gpu.Classification;
import dev.rigwatch.ingest.gpu.TitleNormaliser;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * r/hardwareswap text from mutations of the real fixture page (and any string for the normaliser): the price
 * finder never throws and every price it finds is positive and sane, inside the text it was found in; the title
 * normaliser never throws and gives a model or a reject reason.
 */
class RedditTextProperties {

    private static final byte[] PAGE = FixtureMutations.fixture("reddit-hardwareswap-new.json");
    private static final TitleNormaliser NORMALISER = TitleNormaliser.standard();

    @Property(seed = FixtureMutations.CI_SEED)
    void pricesFoundInAnyTextArePositiveAndInsideIt(@ForAll("posts") String text) {
        List<PriceFinder.Price> prices = PriceFinder.find(text);
        for (PriceFinder.Price price : prices) {
            assertThat(price.amount()).isPositive();
            assertThat(price.amount().precision() - price.amount().scale()).as("integer digits").isLessThanOrEqualTo(12);
            assertThat(price.start()).isBetween(0, price.end());
            assertThat(price.end()).isLessThanOrEqualTo(text.length());
        }
    }

    @Property(seed = FixtureMutations.CI_SEED)
    void anyTitleGivesAModelOrAReason(@ForAll("titles") String title) {
        Classification c = NORMALISER.classify(title);
        assertThat(c.model() == null ? c.rejectReason() : c.model()).isNotBlank();
        assertThat(c.confidence()).isBetween(0.0, 1.0);
    }

    @Provide
    Arbitrary<String> posts() {
        return Arbitraries.oneOf(FixtureMutations.text(PAGE), Arbitraries.strings().ofMaxLength(300),
                Arbitraries.strings().withChars("$0123456789,.k USDCAD/ ").ofMaxLength(60));
    }

    @Provide
    Arbitrary<String> titles() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(200),
                Arbitraries.strings().withChars("RTXGTX3090Ti 4080 Super RX 7900XT[H][W]$,/-").ofMaxLength(80),
                FixtureMutations.text(PAGE).map(s -> s.substring(0, Math.min(s.length(), 300))));
    }
}
