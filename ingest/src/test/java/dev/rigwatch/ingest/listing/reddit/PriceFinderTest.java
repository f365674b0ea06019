package dev.rigwatch.ingest.listing.reddit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PriceFinderTest {

    /** What sellers write, and the prices in it, exactly as written (scale kept). */
    static Stream<Arguments> snippets() {
        return Stream.of(
                // dollar sign in front
                prices("$450", "450"),
                prices("RTX 3080 FE - $450", "450"),
                prices("**$420 shipped** CONUS.", "420"),
                prices("EVGA 3090 FTW3 Ultra $1,050 shipped", "1050"),
                prices("4090 FE for $1,600.00 local", "1600.00"),
                prices("6800 XT - $ 380", "380"),
                prices("$450.5 or so", "450.5"),
                prices("3090 Ti $1.1k shipped", "1100"),
                prices("4090 Suprim $2k firm", "2000"),
                prices("$450/each", "450"),
                // dollar sign after
                prices("RTX 3070 - 300$ shipped", "300"),
                prices("3060 Ti 250 $", "250"),
                prices("RTX 3070 $300", "300"),
                prices("3070 $300, 3060 $220", "300", "220"),
                // selling words
                prices("RTX 3080 FE 450 shipped", "450"),
                prices("6700 XT, 260 OBO", "260"),
                prices("6700 XT, 260 o.b.o.", "260"),
                prices("Asking 450", "450"),
                prices("asking $450 for the pair", "450"),
                prices("Asking price is 525 shipped", "525"),
                prices("Price: 300", "300"),
                prices("price - $300", "300"),
                prices("priced at 280 to move it fast", "280"),
                prices("A4000 - 550 firm", "550"),
                prices("2080 Ti 340 + shipping", "340"),
                prices("2080 Ti 340 plus shipping", "340"),
                prices("1660 Super 120 local", "120"),
                prices("6600 XT 200 USD", "200"),
                prices("7900 XTX 1.2k shipped", "1200"),
                prices("RX 6600 150 bucks", "150"),
                // several prices, in order
                prices("- RX 6800 XT Reference - $380\n- Ryzen 7 5800X - $170", "380", "170"),
                prices("3080 for $450 and 3070 for $300", "450", "300"),
                prices("Paid $1,200 at launch, asking $650 shipped", "650"),
                prices("$420 + $15 shipping", "420"),
                prices("$420 plus $15 to ship", "420"),
                prices("Shipping is $20 extra, card is $400", "400"),
                // past prices are not asked prices
                prices("MSRP $699, selling for $500", "500"),
                prices("Originally $900 now $750", "750"),
                prices("bought it for $800 in 2021", new String[0]),
                prices("retails for $549 new", new String[0]),
                prices("going for $600 on ebay, asking 520", "520"),
                // no price at all
                prices("3080 for 3090 trade", new String[0]),
                prices("Price: $ tbd", new String[0]),
                prices("$ TBD, make an offer", new String[0]),
                prices("RTX 3090 24GB, bought Nov 2021", new String[0]),
                prices("Timestamps: https://imgur.com/a/450xyz", new String[0]),
                prices("[timestamps](https://imgur.com/gallery/$450) inside", new String[0]),
                prices("timestamps imgur.com/a/3080ti450", new String[0]),
                prices("Ryzen 7 5800X, 32GB DDR4 3600", new String[0]),
                prices("RTX 3080 shipped from CA", new String[0]),
                prices("RTX3080 local only", new String[0]),
                prices("1440p 165hz monitor", new String[0]),
                prices("Budget around 700 for a 3090", new String[0]),
                prices("Looking for offers, no lowballs", new String[0]),
                prices("$0 or best offer", new String[0]),
                prices("Prices include shipping.", new String[0]),
                prices("will trade 2x 8GB sticks for a 6600", new String[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("snippets")
    void findsTheAskedPricesInWhatSellersWrite(String text, List<BigDecimal> expected) {
        assertThat(PriceFinder.find(text)).extracting(PriceFinder.Price::amount).containsExactlyElementsOf(expected);
    }

    @Test
    void anAmountPastThePlausibleMaximumIsNoPrice() {
        // found by RedditTextProperties: "$99999999999999999999" was taken as an asking price
        assertThat(PriceFinder.find("RX 6800 XT - $99999999999999999999, Ryzen 7 5800X - $170"))
                .extracting(PriceFinder.Price::amount).containsExactly(new BigDecimal("170"));
    }

    @Test
    void reportsWhereEachPriceStands() {
        String text = "3080 - $450, 3070 - 300 shipped";

        assertThat(PriceFinder.find(text)).containsExactly(
                new PriceFinder.Price(new BigDecimal("450"), null, 7, 11),
                new PriceFinder.Price(new BigDecimal("300"), null, 20, 31));
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            $450                      | 450 | -
            C$450                     | 450 | CAD
            CA$ 450 shipped           | 450 | CAD
            US$450                    | 450 | USD
            CAD $450                  | 450 | CAD
            cdn 450 shipped           | 450 | CAD
            $450 CAD                  | 450 | CAD
            $450 shipped CAD          | 450 | CAD
            450 cad shipped           | 450 | CAD
            6600 XT 200 USD           | 200 | USD
            $450 usd obo              | 450 | USD
            sold to us $450 shipped   | 450 | -
            RTX 3070 $300 ca shipping | 300 | -
            """)
    void aCurrencyNamedRightNextToThePriceIsItsCurrency(String text, String amount, String currency) {
        assertThat(PriceFinder.find(text)).extracting(PriceFinder.Price::amount, PriceFinder.Price::currency)
                .containsExactly(tuple(new BigDecimal(amount), currency));
    }

    @Test
    void linksAreBlankedOutWithoutMovingTheTextAfterThem() {
        String link = "https://imgur.com/a/Qw3rT";

        assertThat(PriceFinder.maskLinks("see " + link + " then")).isEqualTo("see " + " ".repeat(link.length()) + " then");
    }

    private static Arguments prices(String text, String... amounts) {
        return Arguments.of(text, Arrays.stream(amounts).map(BigDecimal::new).toList());
    }
}
